import StrataLint
import Testing

/// drop-column, drop-table, drop-schema, rename-column, rename-table, identifier-too-long,
/// not-idempotent.
@Suite struct DestructiveRuleTests {
    static let table = "CREATE SCHEMA app;\nCREATE TABLE t (id int, note text);"

    // MARK: - drop-column

    @Test func dropColumnOfExistingTable() throws {
        let report = lint(Self.table, "ALTER TABLE t DROP COLUMN IF EXISTS note;")
        #expect(located(report) == ["drop-column 1:1"])
        let found = try #require(finding("drop-column", in: report))
        #expect(found.message.contains("dropping t.note"))
        #expect(found.severity == .warning)
    }

    @Test func dropColumnAddedInTheSameFileOrOfNewTable() {
        let report = lint(
            Self.table,
            """
            ALTER TABLE t ADD COLUMN scratch int;
            ALTER TABLE t DROP COLUMN scratch;
            CREATE TABLE s (id int, tmp int);
            ALTER TABLE s DROP tmp;
            """
        )
        #expect(located(report) == [])
    }

    // MARK: - drop-table

    @Test func dropExistingTables() throws {
        let report = lint(Self.table, "DROP TABLE IF EXISTS t, legacy CASCADE;")
        #expect(located(report) == ["drop-table 1:1", "drop-table 1:1"])
        #expect(report.findings.map(\.message).map { $0.hasPrefix("DROP TABLE t ") || $0.hasPrefix("DROP TABLE legacy ") } == [true, true])
    }

    @Test func dropTableCreatedInTheSameFile() {
        let report = lint(Self.table, "CREATE TABLE scratch (id int);\nDROP TABLE scratch;")
        #expect(located(report) == [])
    }

    // MARK: - drop-schema

    @Test func dropSchema() throws {
        let report = lint(Self.table, "DROP SCHEMA IF EXISTS app CASCADE;")
        #expect(located(report) == ["drop-schema 1:1"])
        #expect(try #require(finding("drop-schema", in: report)).message.contains("DROP SCHEMA app"))
    }

    @Test func dropSchemaCreatedInTheSameFile() {
        let report = lint(Self.table, "CREATE SCHEMA IF NOT EXISTS staging;\nCREATE TABLE staging.rows (id int);\nDROP SCHEMA staging CASCADE;")
        #expect(located(report) == [])
    }

    @Test func downPartIsNotLinted() {
        let report = lint(Self.table, "-- strata:up\nCREATE SCHEMA audit;\n-- strata:down\nDROP SCHEMA audit CASCADE;\nDROP TABLE t;")
        #expect(located(report) == [])
    }

    // MARK: - rename-column

    @Test func renameColumnOfExistingTable() throws {
        let report = lint(Self.table, "ALTER TABLE t RENAME COLUMN note TO remark;\nALTER TABLE t RENAME id TO key;")
        #expect(located(report) == ["rename-column 1:1", "rename-column 2:1"])
        let found = try #require(report.findings.first)
        #expect(found.message.contains("renaming t.note to remark"))
    }

    @Test func renameColumnAddedInTheSameFile() {
        // The trap: a column added earlier in the same migration is new; renaming it breaks nothing.
        let report = lint(Self.table, "ALTER TABLE t ADD COLUMN draft text;\nALTER TABLE t RENAME COLUMN draft TO body;")
        #expect(located(report) == [])
    }

    @Test func renameColumnAddedInAnEarlierFile() {
        let report = lint(Self.table, "ALTER TABLE t ADD COLUMN draft text;", "ALTER TABLE t RENAME COLUMN draft TO body;")
        #expect(located(report) == ["rename-column 1:1"])
    }

    // MARK: - rename-table

    @Test func renameExistingTable() throws {
        let report = lint(Self.table, "ALTER TABLE t RENAME TO things;\nCREATE INDEX things_note ON things (note);")
        #expect(located(report) == ["rename-table 1:1", "index-not-concurrent 2:1"])
        #expect(try #require(finding("rename-table", in: report)).message.contains("renaming t to things"))
    }

    @Test func renameTableCreatedInTheSameFile() {
        let report = lint(Self.table, "CREATE TABLE draft (id int);\nALTER TABLE draft RENAME TO final;\nALTER TABLE final RENAME COLUMN id TO key;")
        #expect(located(report) == [])
    }

    // MARK: - identifier-too-long

    @Test func identifierLongerThan63Bytes() throws {
        let name = String(repeating: "a", count: 60) + "_idx"
        let report = lint(Self.table, "CREATE TABLE s (id int);\nCREATE INDEX \(name) ON s (id);")
        #expect(located(report) == ["identifier-too-long 2:14"])
        let found = try #require(finding("identifier-too-long", in: report))
        #expect(found.message.contains("64 bytes"))
        #expect(found.message.hasSuffix("truncates it to \(name.prefix(63))"))
    }

    @Test func identifierOf63BytesAndMultibyteNames() {
        let fits = String(repeating: "b", count: 63)
        #expect(located(lint("CREATE TABLE \(fits) (id int);")) == [])
        // 32 two-byte letters are 64 bytes although 32 characters; quoted names count too.
        let accented = String(repeating: "é", count: 32)
        let report = lint("CREATE TABLE s (\"\(accented)\" int);")
        #expect(located(report) == ["identifier-too-long 1:17"])
        #expect(report.findings.first?.message.contains("64 bytes") == true)
    }

    // MARK: - not-idempotent

    @Test func notIdempotentIsOffByDefault() {
        #expect(located(lint("CREATE TABLE s (id int);")) == [])
    }

    @Test func notIdempotentWhenTurnedOn() throws {
        let on = configuration(severities: [.notIdempotent: .warning])
        let report = lint(
            """
            CREATE TABLE s (id int);
            CREATE TABLE IF NOT EXISTS r (id int);
            CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
            CREATE INDEX s_id ON s (id);
            CREATE INDEX IF NOT EXISTS r_id ON r (id);
            CREATE VIEW v AS SELECT 1;
            """,
            configuration: on
        )
        #expect(located(report) == ["not-idempotent 1:1", "not-idempotent 4:1", "not-idempotent 6:1"])
        #expect(report.findings.map(\.hint) == [
            "write CREATE TABLE IF NOT EXISTS …", "write CREATE INDEX IF NOT EXISTS …", "write CREATE OR REPLACE VIEW …",
        ])
    }
}
