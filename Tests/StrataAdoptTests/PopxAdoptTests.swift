import StrataAdopt
import Testing

@Suite("adopt popx")
struct PopxAdoptTests {
    @Test("the PostgreSQL file wins over the neutral one, per direction; other dialects are skipped")
    func dialects() throws {
        let adoption = adopt(.popx, [
            "20200101000000000000_users.up.sql": "CREATE TABLE users (id int);",
            "20200101000000000000_users.postgres.up.sql": "CREATE TABLE users (id uuid);",
            "20200101000000000000_users.mysql.up.sql": "CREATE TABLE users (id char(36));",
            "20200101000000000000_users.down.sql": "DROP TABLE users;",
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("20200101000000000000_users.sql"))
        #expect(migration.sources == ["20200101000000000000_users.postgres.up.sql", "20200101000000000000_users.down.sql"])
        #expect(statements(migration).up == ["CREATE TABLE users (id uuid)"])
        #expect(adoption.skipReason("20200101000000000000_users.up.sql")?.contains("wins") == true)
        #expect(adoption.skipReason("20200101000000000000_users.mysql.up.sql")?.contains("mysql") == true)
    }

    @Test(".autocommit. files run outside a transaction, with or without a dialect")
    func autocommit() throws {
        let adoption = adopt(.popx, [
            "2_idx.autocommit.up.sql": "CREATE INDEX CONCURRENTLY i ON t (a);",
            "2_idx.autocommit.down.sql": "DROP INDEX CONCURRENTLY i;",
            "3_idx.postgres.autocommit.up.sql": "CREATE INDEX CONCURRENTLY j ON t (b);",
            "3_idx.postgres.autocommit.down.sql": "DROP INDEX CONCURRENTLY j;",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.isTransactional) == [false, false])
    }

    @Test("empty files, Fizz files and templates")
    func edges() {
        let adoption = adopt(.popx, [
            "1_empty.up.sql": "",
            "1_empty.down.sql": "-- nothing\n",
            "2_fizz.up.fizz": "create_table(\"t\")",
            "3_tpl.up.sql": "SELECT '{{ .Name }}';",
            "3_tpl.down.sql": "",
        ])
        #expect(adoption.migrations.map(\.fileName) == ["1_empty.sql"])
        #expect(adoption.unconvertedReason("2_fizz.up.fizz") != nil)
        #expect(adoption.problems.map(\.code) == [.unsupportedFeature])
    }
}
