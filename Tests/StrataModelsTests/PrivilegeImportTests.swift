import StrataSchema
import Testing
@testable import StrataModels

/// `models import` has no place for privileges, default privileges or owners: each is
/// listed as skipped, with what it holds, and nothing else changes.
@Suite struct PrivilegeImportTests {
    @Test func privilegesDefaultPrivilegesAndOwnersAreListedAsSkipped() {
        let users = QualifiedName("public", "users")
        var schema = Schema(
            namespaces: [Namespace(name: "public")],
            tables: [Table(name: users, columns: [Column(name: "email", type: "text")])]
        )
        let plain = ModelImporter().importSchema(schema)
        schema.privileges = [
            ObjectPrivileges(object: .table(users), grants: [PrivilegeGrant(.owner, "SELECT"), PrivilegeGrant(.role("reader"), "SELECT", withGrantOption: true)]),
            ObjectPrivileges(object: .column(table: users, name: "email"), grants: [PrivilegeGrant(.public, "UPDATE")]),
        ]
        schema.defaultPrivileges = [DefaultPrivileges(role: "app", schema: "public", kind: .tables, grants: [PrivilegeGrant(.role("reader"), "SELECT")])]
        schema.owners = [ObjectOwner(object: .table(users), role: "app")]
        let imported = ModelImporter().importSchema(schema.sorted())
        #expect(imported.files == plain.files)
        #expect(imported.skipped == plain.skipped + [
            "privileges on column public.users.email: privileges are not in the model format (GRANT them in a .sql file): UPDATE to PUBLIC",
            "privileges on table public.users: privileges are not in the model format (GRANT them in a .sql file): SELECT to owner, SELECT to reader with grant option",
            "default privileges on tables for role app in schema public: default privileges are not in the model format (ALTER DEFAULT PRIVILEGES in a .sql file): SELECT to reader",
            "owner of table public.users: owners are not in the model format (ALTER … OWNER TO app in a .sql file)",
        ])
    }
}
