import Foundation
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// The acceptance case of `strata adopt`: Ory Kratos' popx history (Tests/Fixtures/realworld/kratos)
/// adopted, applied (346 migrations), reset, and applied again, on a real server. The
/// schema after the second `up` must equal the first, as the introspected model says.
@Suite("adopt kratos")
struct KratosAdoptionTests {
    private func schema(_ database: TestDatabase) async throws -> Schema {
        let session = try await database.session()
        do {
            let schema = try await SchemaInspector(options: .init(excludeTables: [QualifiedName("public", "strata_migrations")]))
                .inspect(session)
            await session.close()
            return schema
        } catch {
            await session.close()
            throw error
        }
    }

    private func summary(_ project: Project) async throws -> JSONValue {
        let status = await project.run(["status", "--format", "json"])
        expectStatus(status, 0)
        return try requireJSON(status)["summary"]
    }

    @Test("adopted, applied (346 migrations), reset, applied again: the same schema")
    func adoptApplyResetApply() async throws {
        try await withProject({ try Project.make(databaseURL: $0) }) { project, database in
            let adopted = await project.run(["adopt", "popx", Fixtures.path("realworld/kratos/migrations"), "--quiet"])
            expectStatus(adopted, 0)
            #expect(project.migrationFiles().count == 346)
            expectStatus(await project.run(["validate", "--offline"]), 0)

            expectStatus(await project.run(["up", "--quiet"]), 0)
            var counts = try await summary(project)
            #expect(counts["applied"].int == 346)
            #expect(counts["pending"].int == 0)
            let first = try await schema(database)
            let tables = Set(first.tables.map(\.name.name))
            for name in ["networks", "identities", "identity_credentials", "sessions", "courier_messages", "selfservice_login_flows"] {
                #expect(tables.contains(name), "\(name) missing from \(tables.sorted())")
            }
            #expect(try await database.userTables().count == first.tables.count)

            expectStatus(await project.run(["reset", "--force", "--quiet"]), 0)
            counts = try await summary(project)
            #expect(counts["applied"].int == 0)
            #expect(counts["pending"].int == 346)
            #expect(try await database.userTables().isEmpty)

            expectStatus(await project.run(["up", "--quiet"]), 0)
            counts = try await summary(project)
            #expect(counts["applied"].int == 346)
            let second = try await schema(database)
            #expect(first == second)
        }
    }
}
