import Foundation
import StrataGenerate
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Schema files that grant to a role the scratch server lacks: Strata's own local cluster
/// gets the role made for it (`NOLOGIN`); any other server gives an error that names the
/// role and says what to do.
@Suite struct ScratchRoleTests {
    static func files(_ role: String) -> SchemaFiles {
        SchemaFiles(files: [SchemaFiles.File(displayPath: "schema/grants.sql", text: "CREATE TABLE t (id int);\nGRANT SELECT ON t TO \(role);\n")])
    }

    static func dropRole(_ role: String) async throws {
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        try? await admin.execute("DROP ROLE IF EXISTS \(role)")
        await admin.close()
    }

    @Test func aMissingRoleIsCreatedOnStrataOwnCluster() async throws {
        let role = "strata_missing_\(getpid())_a"
        try await Self.dropRole(role)
        let reader = SchemaReader(scratch: ScratchServer(adminSettings: try await TestServer.adminSettings(), createsMissingRoles: true))
        var timings = PhaseTimings()
        let schema = try await reader.read(.files(Self.files(role), label: "schema"), timings: &timings)
        #expect(schema.privileges.first { $0.object == .table(QualifiedName("public", "t")) }?.grants.contains(PrivilegeGrant(.role(role), "SELECT")) == true)
        try await Self.dropRole(role)
    }

    @Test func aMissingRoleOnAnotherServerIsNamedWithWhatToDo() async throws {
        let role = "strata_missing_\(getpid())_b"
        try await Self.dropRole(role)
        let reader = SchemaReader(scratch: ScratchServer(adminSettings: try await TestServer.adminSettings()))
        var timings = PhaseTimings()
        do {
            _ = try await reader.read(.files(Self.files(role), label: "schema"), timings: &timings)
            Issue.record("loading a grant to a missing role succeeded")
        } catch let error as GenerateError {
            #expect(error.message.contains("role \"\(role)\" does not exist"), "\(error)")
            #expect(error.file == "schema/grants.sql" && error.line == 2, "\(error)")
            #expect(error.hint?.contains("create the role on the scratch server") == true, "\(error)")
            #expect(error.hint?.contains("compare: {privileges: false}") == true, "\(error)")
        }
    }
}
