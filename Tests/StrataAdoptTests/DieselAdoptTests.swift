import StrataAdopt
import Testing

@Suite("adopt Diesel")
struct DieselAdoptTests {
    @Test("folders with up.sql and down.sql; dashes leave the version; metadata.toml")
    func folders() throws {
        let adoption = adopt(.diesel, [
            "00000000000000_diesel_initial_setup/up.sql": "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n",
            "00000000000000_diesel_initial_setup/down.sql": "DROP FUNCTION f();\n",
            "2024-01-15-093000_create_users/up.sql": "CREATE TABLE users (id int);\n",
            "2024-01-15-093000_create_users/down.sql": "DROP TABLE users;\n",
            "2024-01-16-000000_index/up.sql": "CREATE INDEX CONCURRENTLY i ON users (id);\n",
            "2024-01-16-000000_index/metadata.toml": "run_in_transaction = false # needed\n",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == [
            "00000000000000_diesel_initial_setup.sql", "20240115093000_create_users.sql", "20240116000000_index.sql",
        ])
        let users = try #require(adoption.migration("20240115093000_create_users.sql"))
        #expect(users.sourceVersion == "2024-01-15-093000")
        #expect(users.historyKey == "20240115093000")
        let index = try #require(adoption.migration("20240116000000_index.sql"))
        #expect(!index.isTransactional)
        #expect(!index.hasDown)
    }

    @Test("hidden folders, loose files and folders without up.sql are named")
    func otherFiles() {
        let adoption = adopt(.diesel, [
            ".hidden/up.sql": "SELECT 1;",
            "README.md": "#",
            "2024-01-17-000000_broken/down.sql": "SELECT 1;",
            "2024-01-18-000000_ok/up.sql": "SELECT 1;",
            "2024-01-18-000000_ok/notes.txt": "x",
        ])
        #expect(adoption.migrations.map(\.fileName) == ["20240118000000_ok.sql"])
        #expect(adoption.skipReason(".hidden/up.sql") != nil)
        #expect(adoption.skipReason("README.md") != nil)
        #expect(adoption.skipReason("2024-01-18-000000_ok/notes.txt") != nil)
        #expect(adoption.problems.map(\.code) == [.invalidSource])
    }
}
