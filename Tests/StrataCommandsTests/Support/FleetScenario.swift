import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// Databases on the two test servers for fleet tests, a project whose `fleet.targets`
/// name them through variables, and readers of what each target ended up with.
struct FleetScenario: Sendable {
    /// The databases, in the order asked for.
    let databases: [TestDatabase]
    let project: Project

    /// `${NAME_URL}` for each database, as the project's commands see them.
    let variables: [String: String]

    /// Makes the databases (each on its cluster, named `…_fleet_<name>`), runs `body` with a project whose
    /// `strata.yaml` is `config(databaseVariables)` and whose migrations are `migrations`,
    /// and drops everything afterwards.
    static func with(
        _ databases: [(name: String, cluster: TestCluster)],
        migrations: [String: String],
        config: @escaping @Sendable ([String]) -> String,
        _ body: (FleetScenario) async throws -> Void
    ) async throws {
        try await ScenarioLimiter.withSlot {
            var made: [TestDatabase] = []
            do {
                for database in databases {
                    made.append(try await TestDatabase.create("fleet_\(database.name)", on: database.cluster))
                }
                let names = databases.map { $0.name.uppercased() + "_URL" }
                var variables: [String: String] = [:]
                for (name, database) in zip(names, made) { variables[name] = database.settings.url(includingPassword: true) }
                let project = try Project.make(config: config(names), migrations: migrations)
                defer { project.delete() }
                try await body(FleetScenario(databases: made, project: project, variables: variables))
            } catch {
                for database in made { await database.drop() }
                throw error
            }
            for database in made { await database.drop() }
        }
    }

    /// `strata ARGUMENTS` in-process, with the databases' variables.
    func run(_ arguments: [String]) async -> CLIResult {
        await project.run(arguments, variables: variables)
    }

    /// The built `strata` as a child process, with the databases' variables.
    func spawn(_ arguments: [String]) throws -> ChildProcess {
        try project.spawn(arguments, variables: variables)
    }
}

extension TestDatabase {
    /// Creates schemas `tenant_001` … `tenant_<count>` in one statement.
    func createTenants(_ count: Int) async throws {
        try await execute("""
            DO $$ BEGIN
              FOR i IN 1..\(count) LOOP
                EXECUTE format('CREATE SCHEMA %I', 'tenant_' || lpad(i::text, 3, '0'));
              END LOOP;
            END $$
            """)
    }

    /// Every tenant schema's history as `version@batch` joined by commas ("" when its
    /// table is empty, "-" when it has none), read by the test's own query.
    func tenantHistories() async throws -> [String: String] {
        let session = try await self.session()
        do {
            var histories: [String: String] = [:]
            let schemas = try await session.query("SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1").compactMap { $0[0] }
            for schema in schemas {
                let exists = try await session.scalar("SELECT to_regclass($1) IS NOT NULL", [schema + ".strata_migrations"]) == "t"
                histories[schema] = exists
                    ? try await session.scalar("SELECT coalesce(string_agg(version || '@' || batch, ',' ORDER BY version), '') FROM \(schema).strata_migrations") ?? ""
                    : "-"
            }
            await session.close()
            return histories
        } catch {
            await session.close()
            throw error
        }
    }

    /// How many tenant schemas hold a table of this name.
    func tenantsWithTable(_ table: String) async throws -> Int {
        Int(try await value("SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\\_%' AND tablename = $1", [table]) ?? "") ?? -1
    }

    /// The public history as `version@batch` joined by commas.
    func historyLine() async throws -> String {
        try await history().map { "\($0.version)@\($0.batch)" }.joined(separator: ",")
    }
}

/// The YAML of a fleet target list entry.
enum FleetYAML {
    static func database(_ variable: String) -> String {
        "    - url: \"${\(variable)}\"\n"
    }

    static func tenants(_ variable: String) -> String {
        "    - url: \"${\(variable)}\"\n      schemas: 'SELECT nspname FROM pg_namespace WHERE nspname LIKE ''tenant\\_%'' ORDER BY 1'\n"
    }
}
