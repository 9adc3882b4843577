import StrataAdopt
import Testing

@Suite("adopt Flyway")
struct FlywayAdoptTests {
    @Test("dotted versions map to digits in order; the mapping is in the header")
    func versions() throws {
        let adoption = adopt(.flyway, [
            "V1__Create_users.sql": "CREATE TABLE users (id int);\n",
            "V1_1__Add_email.sql": "ALTER TABLE users ADD email text;\n",
            "V2__Add_orders.sql": "CREATE TABLE orders (id int);\n",
            "archive/V1.2__Add_name.sql": "ALTER TABLE users ADD name text;\n",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == [
            "10_create_users.sql", "11_add_email.sql", "12_add_name.sql", "20_add_orders.sql",
        ])
        let email = try #require(adoption.migration("11_add_email.sql"))
        #expect(email.sourceVersion == "1_1")
        #expect(email.historyKey == "1.1")
        #expect(email.text.hasPrefix("-- Adopted from Flyway: V1_1__Add_email.sql\n-- Flyway version 1_1 is version 11 here.\n"))
    }

    @Test("plain numeric versions stay as they are")
    func plainVersions() {
        let adoption = adopt(.flyway, ["V001__a.sql": "SELECT 1;", "V002__b.sql": "SELECT 2;"])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == ["001_a.sql", "002_b.sql"])
    }

    @Test("an undo file is the down part; executeInTransaction=false in the script configuration")
    func undoAndConfiguration() throws {
        let adoption = adopt(.flyway, [
            "V3__index.sql": "CREATE INDEX i ON t (a);\n",
            "V3__index.sql.conf": "# no transaction\nexecuteInTransaction=false\n",
            "U3__index.sql": "DROP INDEX i;\n",
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("3_index.sql"))
        #expect(!migration.isTransactional)
        #expect(migration.sources == ["V3__index.sql", "V3__index.sql.conf", "U3__index.sql"])
        #expect(statements(migration).down == ["DROP INDEX i"])
    }

    @Test("statements that cannot run in a transaction run outside one, as Flyway detects")
    func detection() throws {
        let adoption = adopt(.flyway, ["V4__index.sql": "CREATE INDEX CONCURRENTLY i ON t (a);\n"])
        expectValid(adoption)
        let migration = try #require(adoption.migration("4_index.sql"))
        #expect(!migration.isTransactional)
        #expect(migration.notes.count == 1)
    }

    @Test("repeatable, callback, baseline and Java migrations are named as not converted")
    func unconverted() {
        let adoption = adopt(.flyway, [
            "V1__a.sql": "SELECT 1;",
            "R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 1;",
            "afterMigrate.sql": "ANALYZE;",
            "B5__baseline.sql": "SELECT 5;",
            "V6__Backfill.java": "class V6__Backfill {}",
            "U9__orphan.sql": "SELECT 9;",
            "flyway.conf": "flyway.url=x",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == ["1_a.sql"])
        for file in ["R__views.sql", "afterMigrate.sql", "B5__baseline.sql", "V6__Backfill.java", "U9__orphan.sql"] {
            #expect(adoption.unconvertedReason(file) != nil, "\(file)")
        }
        #expect(adoption.skipReason("flyway.conf") != nil)
    }

    @Test("placeholders are a problem at their place; comments do not count")
    func placeholders() {
        let adoption = adopt(.flyway, [
            "V1__a.sql": "-- uses ${nothing}\nCREATE TABLE t (a text DEFAULT '${flyway:user}');\n",
        ])
        #expect(adoption.migrations.isEmpty)
        #expect(adoption.problems.count == 1)
        #expect(adoption.problems.first?.line == 2)
        #expect(adoption.problems.first?.column == 33)
    }

    @Test("FlywayVersion: order number by number, 1 equals 1.0, the padded mapping")
    func flywayVersion() throws {
        let versions = try ["1", "1.1", "1.2.3", "10.2"].map { try #require(FlywayVersion($0)) }
        #expect(versions == versions.sorted())
        #expect(FlywayVersion("1") == FlywayVersion("1.0"))
        #expect(try #require(FlywayVersion("2_3")).canonical == "2.3")
        #expect(FlywayVersion("1.a") == nil)
        let digits = FlywayVersion.digits(for: versions)
        #expect(versions.map { digits[$0] } == ["0100", "0110", "0123", "1020"])
    }
}
