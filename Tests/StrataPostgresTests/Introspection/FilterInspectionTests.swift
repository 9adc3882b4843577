import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: options")
struct FilterInspectionTests {
    static let ddl = [
        "CREATE SCHEMA app",
        "CREATE SCHEMA audit",
        "CREATE TABLE public.strata_migrations (version text PRIMARY KEY, name text)",
        "CREATE INDEX strata_migrations_name ON public.strata_migrations (name)",
        "CREATE TABLE public.keep (id int)",
        "CREATE TABLE app.users (id int PRIMARY KEY)",
        "CREATE TABLE audit.log (user_id int REFERENCES app.users)",
        "CREATE TYPE audit.kind AS ENUM ('a')",
        "CREATE FUNCTION audit.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ]

    @Test func historyTableExcluded() async throws {
        let schema = try await Inspection.schema(
            Self.ddl, options: .init(excludeTables: [QualifiedName("public", "strata_migrations")])
        )
        #expect(schema.tables.map(\.name.description) == ["app.users", "audit.log", "public.keep"])
        #expect(!schema.dependencies.contains { $0.from.name.contains("strata_migrations") || $0.to.name.contains("strata_migrations") })
    }

    @Test func historyTableIncludedByDefault() async throws {
        let schema = try await Inspection.schema(Self.ddl)
        #expect(schema.tables.map(\.name.description) == ["app.users", "audit.log", "public.keep", "public.strata_migrations"])
    }

    @Test func includeSchemas() async throws {
        let schema = try await Inspection.schema(Self.ddl, options: .init(includeSchemas: ["app", "audit"]))
        #expect(schema.namespaces.map(\.name) == ["app", "audit"])
        #expect(schema.tables.map(\.name.description) == ["app.users", "audit.log"])
        #expect(schema.enums.map(\.name.description) == ["audit.kind"])
        #expect(schema.routines.map(\.name.description) == ["audit.f"])
    }

    @Test func excludeSchemasWinsOverInclude() async throws {
        let schema = try await Inspection.schema(Self.ddl, options: .init(includeSchemas: ["app", "audit"], excludeSchemas: ["audit"]))
        #expect(schema.namespaces.map(\.name) == ["app"])
        #expect(schema.tables.map(\.name.description) == ["app.users"])
        #expect(schema.enums.isEmpty && schema.routines.isEmpty)
        // The foreign key from audit.log is gone with its table; nothing points outside.
        #expect(!schema.dependencies.contains { $0.from.name.hasPrefix("audit") || $0.to.name.hasPrefix("audit") })
    }

    @Test func excludeSchemasOnly() async throws {
        let schema = try await Inspection.schema(Self.ddl, options: .init(excludeSchemas: ["public", "audit"]))
        #expect(schema.namespaces.map(\.name) == ["app"])
        #expect(schema.tables.map(\.name.description) == ["app.users"])
    }

    @Test func namesThatNeedQuotingInOptions() async throws {
        let schema = try await Inspection.schema(
            ["CREATE SCHEMA \"We\"\"ird\"", "CREATE TABLE \"We\"\"ird\".\"T \\ x\" (id int)", "CREATE TABLE \"We\"\"ird\".other (id int)"],
            options: .init(includeSchemas: ["We\"ird"], excludeTables: [QualifiedName("We\"ird", "T \\ x")])
        )
        #expect(schema.tables.map(\.name) == [QualifiedName("We\"ird", "other")])
    }
}
