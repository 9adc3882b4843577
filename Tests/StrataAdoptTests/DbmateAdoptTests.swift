import StrataAdopt
import Testing

@Suite("adopt dbmate")
struct DbmateAdoptTests {
    @Test("migrate:up and migrate:down become Strata markers; the version is the leading digits")
    func basicFile() throws {
        let adoption = adopt(.dbmate, [
            "20240101120000_create_users.sql": """
                -- migrate:up
                create table users (id serial primary key, name text)
                -- migrate:down
                drop table users;
                """,
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("20240101120000_create_users.sql"))
        // The up part lacks its `;`, which dbmate never needed: a `;` line ends it.
        #expect(migration.text == """
            -- Adopted from dbmate: 20240101120000_create_users.sql
            -- strata:up
            create table users (id serial primary key, name text)
            ;
            -- strata:down
            drop table users;

            """)
        #expect(statements(migration).up == ["create table users (id serial primary key, name text)"])
    }

    @Test("transaction:false on either part makes the file no-transaction, with a note when they differ")
    func transactionOption() throws {
        let adoption = adopt(.dbmate, [
            "2_index.sql": """
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY i ON t (a);
                -- migrate:down
                DROP INDEX i;
                """,
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("2_index.sql"))
        #expect(!migration.isTransactional)
        #expect(migration.notes.contains { $0.contains("only the up part") })
    }

    @Test("several up/down sections are joined in order")
    func sections() throws {
        let adoption = adopt(.dbmate, [
            "3_two.sql": """
                -- migrate:up
                CREATE TABLE a (id int);
                -- migrate:down
                DROP TABLE a;
                -- migrate:up
                CREATE TABLE b (id int);
                -- migrate:down
                DROP TABLE b;
                """,
        ])
        expectValid(adoption)
        let parts = statements(adoption.migration("3_two.sql"))
        #expect(parts.up == ["CREATE TABLE a (id int)", "CREATE TABLE b (id int)"])
        #expect(parts.down == ["DROP TABLE a", "DROP TABLE b"])
    }

    @Test("a file without migrate:down is refused, as dbmate refuses it")
    func missingDown() {
        let adoption = adopt(.dbmate, ["4_x.sql": "-- migrate:up\nSELECT 1;\n"])
        #expect(adoption.migrations.isEmpty)
        #expect(adoption.problems.map(\.code) == [.invalidSource])
    }

    @Test("dbmate orders by file name; a different numeric order is a problem")
    func order() {
        let adoption = adopt(.dbmate, [
            "1_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n",
            "10_b.sql": "-- migrate:up\nSELECT 10;\n-- migrate:down\n",
            "2_c.sql": "-- migrate:up\nSELECT 2;\n-- migrate:down\n",
            "notes.txt": "hello",
        ])
        #expect(adoption.problems.map(\.code) == [.orderChanged])
        #expect(adoption.problems.first?.file == "10_b.sql")
        #expect(adoption.skipReason("notes.txt") != nil)
    }
}
