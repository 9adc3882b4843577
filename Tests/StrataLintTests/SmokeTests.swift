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

@Suite struct RunScopeTests {
    /// In one run (`--pending`, `up`), a table created by an earlier file of the run has no
    /// rows in production yet; across a project's history it is existing.
    @Test func tablesOfTheSameRunAreNew() {
        let files = [
            "CREATE TABLE a (id int);",
            "CREATE TABLE b (id int);",
            "CREATE INDEX ON a (id); CREATE INDEX ON b (id);",
        ]
        let oneRun = Linter(configuration: LintConfiguration(postgresVersion: 15)).lint([
            LintFile(name: "1.sql", text: files[0], isReported: false),
            LintFile(name: "2.sql", text: files[1]),
            LintFile(name: "3.sql", text: files[2]),
        ], asOneRun: true)
        #expect(oneRun.findings.map(\.rule.code) == ["index-not-concurrent"])
        #expect(oneRun.findings.first?.column == 1)
        let history = lint(files[0], files[1], files[2])
        #expect(codes(history) == ["index-not-concurrent", "index-not-concurrent"])
    }
}
