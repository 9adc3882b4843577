import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

@Suite("SchemaInspector: privileges and owners")
struct PrivilegeInspectionTests {
    /// Roles are the cluster's, shared by every test database: made once, idempotently.
    static func ensureRoles(_ session: any DatabaseSession) async throws {
        try await TestServer.ensureRoles(["strata_inspect_reader", "strata_inspect_app", "Strata Inspect Writer"])
    }

    static func inspect(_ statements: [String], comparison: ComparisonScope = .default, label: String = #function) async throws -> Schema {
        try await Inspection.withSession(label) { session in
            try await ensureRoles(session)
            try await Inspection.load(statements, into: session)
            return try await SchemaInspector(options: .init(comparison: comparison)).inspect(session)
        }
    }

    private static let reader = Grantee.role("strata_inspect_reader")
    private static let writer = Grantee.role("Strata Inspect Writer")

    @Test func objectPrivilegesAreNormalisedWithTheOwnerAsAMarker() async throws {
        let schema = try await Self.inspect([
            "CREATE SCHEMA app",
            "GRANT USAGE ON SCHEMA app TO strata_inspect_reader",
            "CREATE TABLE app.t (id int, secret text)",
            "GRANT SELECT ON app.t TO strata_inspect_reader WITH GRANT OPTION",
            "GRANT INSERT ON app.t TO PUBLIC",
            "REVOKE TRUNCATE ON app.t FROM CURRENT_USER",
            #"GRANT SELECT (id), UPDATE (secret) ON app.t TO "Strata Inspect Writer""#,
            "CREATE VIEW app.v AS SELECT id FROM app.t",
            "GRANT SELECT ON app.v TO strata_inspect_reader",
            "CREATE SEQUENCE app.s",
            "GRANT USAGE ON SEQUENCE app.s TO strata_inspect_reader",
            "CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'select x'",
            "REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC",
            "CREATE TYPE app.mood AS ENUM ('ok')",
            "REVOKE USAGE ON TYPE app.mood FROM PUBLIC",
            "CREATE DOMAIN app.positive AS int CHECK (VALUE > 0)",
            "GRANT USAGE ON DOMAIN app.positive TO strata_inspect_reader",
            // Granted and revoked again: the default, not listed.
            "CREATE TABLE app.plain (id int)",
            "GRANT SELECT ON app.plain TO strata_inspect_reader",
            "REVOKE SELECT ON app.plain FROM strata_inspect_reader",
        ])
        let owner = ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "UPDATE"].map { PrivilegeGrant(.owner, $0) }
        let t = QualifiedName("app", "t")
        #expect(schema.privileges == [
            ObjectPrivileges(object: .column(table: t, name: "id"), grants: [PrivilegeGrant(Self.writer, "SELECT")]),
            ObjectPrivileges(object: .column(table: t, name: "secret"), grants: [PrivilegeGrant(Self.writer, "UPDATE")]),
            ObjectPrivileges(object: .routine(QualifiedName("app", "f"), arguments: "x integer"), grants: [PrivilegeGrant(.owner, "EXECUTE")]),
            ObjectPrivileges(object: .namespace("app"), grants: [
                PrivilegeGrant(.owner, "CREATE"), PrivilegeGrant(.owner, "USAGE"), PrivilegeGrant(Self.reader, "USAGE"),
            ]),
            ObjectPrivileges(object: .sequence(QualifiedName("app", "s")), grants: [
                PrivilegeGrant(.owner, "SELECT"), PrivilegeGrant(.owner, "UPDATE"), PrivilegeGrant(.owner, "USAGE"), PrivilegeGrant(Self.reader, "USAGE"),
            ]),
            ObjectPrivileges(object: .table(t), grants: owner + [
                PrivilegeGrant(.public, "INSERT"), PrivilegeGrant(Self.reader, "SELECT", withGrantOption: true),
            ]),
            ObjectPrivileges(object: .type(QualifiedName("app", "mood")), grants: [PrivilegeGrant(.owner, "USAGE")]),
            ObjectPrivileges(object: .type(QualifiedName("app", "positive")), grants: [
                PrivilegeGrant(.public, "USAGE"), PrivilegeGrant(.owner, "USAGE"), PrivilegeGrant(Self.reader, "USAGE"),
            ]),
            ObjectPrivileges(object: .view(QualifiedName("app", "v")), grants: owner + [PrivilegeGrant(.owner, "TRUNCATE"), PrivilegeGrant(Self.reader, "SELECT")]),
        ])
        #expect(schema.owners.isEmpty)
    }

    @Test func defaultPrivilegesGlobalAndInASchemaForARole() async throws {
        let schema = try await Self.inspect([
            "CREATE SCHEMA app",
            "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO strata_inspect_reader WITH GRANT OPTION",
            "ALTER DEFAULT PRIVILEGES FOR ROLE strata_inspect_app IN SCHEMA app GRANT USAGE ON SEQUENCES TO PUBLIC",
        ])
        #expect(schema.defaultPrivileges == [
            DefaultPrivileges(role: nil, schema: nil, kind: .functions, grants: [PrivilegeGrant(.owner, "EXECUTE")]),
            DefaultPrivileges(role: nil, schema: "app", kind: .tables, grants: [PrivilegeGrant(Self.reader, "SELECT", withGrantOption: true)]),
            DefaultPrivileges(role: "strata_inspect_app", schema: "app", kind: .sequences, grants: [PrivilegeGrant(.public, "USAGE")]),
        ])
    }

    @Test func thePublicSchemaOfPostgreSQL15ReadsAsItsDefault() async throws {
        let untouched = try await Self.inspect(["CREATE TABLE t (id int)"])
        #expect(untouched.privileges.isEmpty)
        let revoked = try await Self.inspect(["REVOKE USAGE ON SCHEMA public FROM PUBLIC"])
        #expect(revoked.privileges == [
            ObjectPrivileges(object: .namespace("public"), grants: [PrivilegeGrant(.owner, "CREATE"), PrivilegeGrant(.owner, "USAGE")]),
        ])
    }

    @Test func whatIsNotComparedIsNotRead() async throws {
        let statements = [
            "CREATE TABLE t (id int)", "GRANT SELECT ON t TO strata_inspect_reader",
            "ALTER TABLE t OWNER TO strata_inspect_app",
            "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO strata_inspect_reader",
        ]
        let off = try await Self.inspect(statements, comparison: ComparisonScope(privileges: false, owners: false))
        #expect(off.privileges.isEmpty && off.defaultPrivileges.isEmpty && off.owners.isEmpty)
        let owners = try await Self.inspect(statements, comparison: ComparisonScope(privileges: false, owners: true))
        #expect(owners.privileges.isEmpty)
        #expect(owners.owners.contains(ObjectOwner(object: .table(QualifiedName("public", "t")), role: "strata_inspect_app")))
        #expect(owners.owners.contains(ObjectOwner(object: .namespace("public"), role: "pg_database_owner")))
        #expect(SchemaInspector(options: .init(comparison: ComparisonScope(privileges: false, owners: false))).queryCount == SchemaInspector.queryCount - 2)
        #expect(SchemaInspector(options: .init(comparison: ComparisonScope(privileges: true, owners: true))).queryCount == SchemaInspector.queryCount + 1)
    }
}
