import StrataAdopt
import Testing

@Suite("adopt sqlx")
struct SqlxAdoptTests {
    @Test("simple and reversible migrations; -- no-transaction as the first line")
    func files() throws {
        let adoption = adopt(.sqlx, [
            "20240101000000_create_users.sql": "CREATE TABLE users (id bigint);\n",
            "20240102000000_index_users.up.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n",
            "20240102000000_index_users.down.sql": "-- no-transaction\nDROP INDEX CONCURRENTLY users_id;\n",
        ])
        expectValid(adoption)
        let simple = try #require(adoption.migration("20240101000000_create_users.sql"))
        #expect(simple.isTransactional)
        #expect(!simple.hasDown)
        let index = try #require(adoption.migration("20240102000000_index_users.sql"))
        #expect(!index.isTransactional)
        #expect(index.notes.isEmpty)
        #expect(!index.text.contains("-- no-transaction\n"))
        #expect(statements(index).down == ["DROP INDEX CONCURRENTLY users_id"])
    }

    @Test("a down file alone, and other files, are named; a bad version is a problem")
    func otherFiles() {
        let adoption = adopt(.sqlx, [
            "1_a.sql": "SELECT 1;",
            "2_b.down.sql": "SELECT 2;",
            "notes.txt": "x",
            "abc_d.sql": "SELECT 4;",
        ])
        #expect(adoption.migrations.map(\.fileName) == ["1_a.sql"])
        #expect(adoption.unconvertedReason("2_b.down.sql") != nil)
        #expect(adoption.skipReason("notes.txt") != nil)
        #expect(adoption.problems.map(\.file) == ["abc_d.sql"])
    }
}
