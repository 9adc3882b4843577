import StrataAdopt
import Testing

@Suite("adopt golang-migrate")
struct GolangMigrateAdoptTests {
    @Test("an up and a down file make one migration; a BEGIN/COMMIT wrapper is commented out")
    func pairAndWrapper() throws {
        let adoption = adopt(.golangMigrate, [
            "000001_create_users.up.sql": "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n",
            "000001_create_users.down.sql": "DROP TABLE users;\n",
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("000001_create_users.sql"))
        #expect(migration.isTransactional)
        #expect(migration.sources == ["000001_create_users.up.sql", "000001_create_users.down.sql"])
        #expect(migration.text.contains("-- strata:up\n-- BEGIN;\nCREATE TABLE users (id int);\n-- COMMIT;\n-- strata:down\n"))
        #expect(statements(migration).up == ["CREATE TABLE users (id int)"])
        #expect(migration.historyKey == "1")
    }

    @Test("statements that cannot run in a transaction make the file no-transaction, with a note")
    func concurrently() throws {
        let adoption = adopt(.golangMigrate, [
            "2_index.up.sql": "CREATE INDEX CONCURRENTLY users_id ON users (id);",
            "2_index.down.sql": "DROP INDEX CONCURRENTLY users_id;",
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("2_index.sql"))
        #expect(!migration.isTransactional)
        #expect(migration.notes.first?.contains("CREATE INDEX CONCURRENTLY") == true)
    }

    @Test("other extensions, lone down files and unknown names are named")
    func otherFiles() {
        let adoption = adopt(.golangMigrate, [
            "1_a.up.sql": "SELECT 1;",
            "2_b.up.json": "{}",
            "3_c.down.sql": "SELECT 3;",
            "README.md": "#",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == ["1_a.sql"])
        #expect(adoption.unconvertedReason("2_b.up.json") != nil)
        #expect(adoption.unconvertedReason("3_c.down.sql") != nil)
        #expect(adoption.skipReason("README.md") != nil)
    }

    @Test("two up files of one version are a problem")
    func duplicate() {
        let adoption = adopt(.golangMigrate, ["1_a.up.sql": "SELECT 1;", "01_b.up.sql": "SELECT 2;"])
        #expect(adoption.problems.map(\.code) == [.duplicateVersion])
    }
}
