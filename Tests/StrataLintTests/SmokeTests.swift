import StrataLint
import Testing

@Suite struct SmokeTests {
    @Test func indexOnExistingTableButNotOnNewOne() {
        let report = lint(
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
            "CREATE TABLE orders (id bigint, user_id bigint REFERENCES users); CREATE INDEX ON orders (user_id); CREATE INDEX users_email ON users (email);"
        )
        #expect(codes(report) == ["index-not-concurrent"])
        #expect(report.findings.first?.line == 1)
    }

    @Test func traps() {
        let report = lint(
            "CREATE TABLE t (id int, name varchar(32), n int, s text);",
            """
            ALTER TABLE t ALTER COLUMN name TYPE varchar(64);
            ALTER TABLE t ALTER COLUMN name TYPE text;
            ALTER TABLE t ADD COLUMN c timestamptz NOT NULL DEFAULT now();
            ALTER TABLE t ADD COLUMN d uuid DEFAULT gen_random_uuid();
            ALTER TABLE t ALTER COLUMN id TYPE bigint;
            """
        )
        #expect(codes(report) == ["volatile-default", "column-type-rewrite"])
    }
}
