import Foundation
@testable import StrataLint
import StrataObserve
import Testing

/// The lock the static linter assumes for a statement against the strongest lock PostgreSQL
/// really takes: each case's statement runs in a file of its own after a file that creates
/// its objects, and both sides name the lock on each table the case lists.
@Suite struct StaticLockComparisonTests {
    struct Case: Sendable, CustomStringConvertible {
        /// `{t}` stands for the case's own table name.
        var setup: String
        var statement: String
        /// The tables whose lock is compared; `observedAs` names one that the statement renames.
        var tables: [String] = ["{t}"]
        var observedAs: [String: String] = [:]

        var description: String { statement }
    }

    static let base = "CREATE TABLE {t} (id int PRIMARY KEY, v text, n int NOT NULL DEFAULT 0);\nCREATE INDEX {t}_v ON {t} (v);\n"
    static let trigger = base + "CREATE FUNCTION {t}_f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\nCREATE TRIGGER {t}_trg BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_f();\n"
    static let check = base + "ALTER TABLE {t} ADD CONSTRAINT {t}_chk CHECK (n >= 0) NOT VALID;\n"
    static let reference = base + "CREATE TABLE {t}_ref (id int PRIMARY KEY);\n"
    static let partitioned = "CREATE TABLE {t} (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE {t}_p1 PARTITION OF {t} FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');\nCREATE TABLE {t}_x (id int, at date);\n"
    static let view = "CREATE MATERIALIZED VIEW {t} AS SELECT 1 AS x;\nCREATE UNIQUE INDEX {t}_x ON {t} (x);\n"

    static let cases: [Case] = [
        Case(setup: base, statement: "ALTER TABLE {t} ADD COLUMN a int"),
        Case(setup: base, statement: "ALTER TABLE {t} ADD COLUMN a uuid DEFAULT gen_random_uuid()"),
        Case(setup: base, statement: "ALTER TABLE {t} ADD COLUMN a bigint GENERATED ALWAYS AS IDENTITY"),
        Case(setup: base, statement: "ALTER TABLE {t} DROP COLUMN v"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN n TYPE bigint"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN v SET NOT NULL"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN n DROP NOT NULL"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN v SET DEFAULT 'x'"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN n DROP DEFAULT"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN v SET STATISTICS 500"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN v SET (n_distinct = 10)"),
        Case(setup: base, statement: "ALTER TABLE {t} ALTER COLUMN v SET STORAGE EXTERNAL"),
        Case(setup: base, statement: "ALTER TABLE {t} ADD CONSTRAINT {t}_pos CHECK (n >= 0)"),
        Case(setup: base, statement: "ALTER TABLE {t} ADD CONSTRAINT {t}_pos CHECK (n >= 0) NOT VALID"),
        Case(setup: reference, statement: "ALTER TABLE {t} ADD CONSTRAINT {t}_fk FOREIGN KEY (n) REFERENCES {t}_ref NOT VALID", tables: ["{t}", "{t}_ref"]),
        Case(setup: check, statement: "ALTER TABLE {t} VALIDATE CONSTRAINT {t}_chk"),
        Case(setup: check, statement: "ALTER TABLE {t} DROP CONSTRAINT {t}_chk"),
        Case(setup: check, statement: "ALTER TABLE {t} RENAME CONSTRAINT {t}_chk TO {t}_chk2"),
        Case(setup: base, statement: "ALTER TABLE {t} ADD CONSTRAINT {t}_n_key UNIQUE (n)"),
        Case(setup: "CREATE TABLE {t} (id int NOT NULL);\nCREATE UNIQUE INDEX {t}_id ON {t} (id);\n", statement: "ALTER TABLE {t} ADD CONSTRAINT {t}_pk PRIMARY KEY USING INDEX {t}_id"),
        Case(setup: trigger, statement: "ALTER TABLE {t} DISABLE TRIGGER {t}_trg"),
        Case(setup: trigger, statement: "ALTER TABLE {t} ENABLE TRIGGER ALL"),
        Case(setup: base, statement: "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY"),
        Case(setup: base, statement: "ALTER TABLE {t} REPLICA IDENTITY FULL"),
        Case(setup: base, statement: "ALTER TABLE {t} CLUSTER ON {t}_v"),
        Case(setup: base, statement: "ALTER TABLE {t} SET WITHOUT CLUSTER"),
        Case(setup: base, statement: "ALTER TABLE {t} SET (fillfactor = 70)"),
        Case(setup: base, statement: "ALTER TABLE {t} SET UNLOGGED"),
        Case(setup: base, statement: "ALTER TABLE {t} OWNER TO CURRENT_USER"),
        Case(setup: base + "CREATE TABLE {t}_parent (id int);\n", statement: "ALTER TABLE {t} INHERIT {t}_parent"),
        Case(setup: base, statement: "ALTER TABLE {t} RENAME TO {t}_renamed", observedAs: ["{t}": "{t}_renamed"]),
        Case(setup: base, statement: "ALTER TABLE {t} RENAME COLUMN v TO v2"),
        Case(setup: base, statement: "CREATE INDEX {t}_n ON {t} (n)"),
        Case(setup: base, statement: "DROP INDEX {t}_v"),
        Case(setup: trigger, statement: "CREATE TRIGGER {t}_trg2 AFTER UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_f()"),
        Case(setup: trigger, statement: "DROP TRIGGER {t}_trg ON {t}"),
        Case(setup: base, statement: "CREATE POLICY {t}_pol ON {t} USING (true)"),
        Case(setup: base + "CREATE POLICY {t}_pol ON {t} USING (true);\n", statement: "DROP POLICY {t}_pol ON {t}"),
        Case(setup: base, statement: "CREATE RULE {t}_r AS ON DELETE TO {t} DO ALSO NOTHING"),
        Case(setup: base + "CREATE RULE {t}_r AS ON DELETE TO {t} DO ALSO NOTHING;\n", statement: "DROP RULE {t}_r ON {t}"),
        Case(setup: base, statement: "TRUNCATE {t}"),
        Case(setup: base, statement: "LOCK TABLE {t} IN SHARE MODE"),
        Case(setup: base, statement: "LOCK TABLE {t}"),
        Case(setup: base, statement: "REINDEX TABLE {t}"),
        Case(setup: base, statement: "CLUSTER {t} USING {t}_v"),
        Case(setup: view, statement: "REFRESH MATERIALIZED VIEW {t}"),
        Case(setup: view, statement: "REFRESH MATERIALIZED VIEW CONCURRENTLY {t}"),
        Case(setup: base, statement: "DROP TABLE {t}"),
        Case(setup: base, statement: "CREATE TABLE {t}_child (id int REFERENCES {t})"),
        Case(setup: partitioned, statement: "ALTER TABLE {t} ATTACH PARTITION {t}_x FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')", tables: ["{t}", "{t}_x"]),
        Case(setup: partitioned, statement: "ALTER TABLE {t} DETACH PARTITION {t}_p1"),
    ]

    static func name(_ template: String, _ index: Int) -> String {
        template.replacingOccurrences(of: "{t}", with: "c\(index)")
    }

    /// The strongest lock (of SHARE UPDATE EXCLUSIVE or more, the ones the linter tracks) the
    /// linter assumes on `table` after the case's statement.
    static func staticLock(_ item: Case, index: Int, table: String) -> LockMode? {
        var run = LintRun(configuration: LintConfiguration(postgresVersion: 15, transactionMode: .batch), asOneRun: true)
        run.lint(LintFile(name: "setup.sql", text: name(item.setup, index), isReported: false), index: 0)
        run.lint(LintFile(name: "case.sql", text: name(item.statement, index) + ";\n"), index: 1)
        let wanted = ObjectName(schema: nil, name: table).resolved
        return run.transaction?.ddlLocks.filter { $0.table.resolved == wanted }.map(\.mode).max()
    }

    @Test func theLinterAssumesTheLocksPostgreSQLTakes() async throws {
        let setup = Self.cases.enumerated().map { Self.name($1.setup, $0) }.joined()
        let files = [setup] + Self.cases.enumerated().map { Self.name($1.statement, $0) + ";\n" }
        let report = try await ObserveSupport.observe(files, reported: Self.cases.count)
        #expect(report.findings.allSatisfy { $0.rule != .replayFailed }, "\(report.findings)")
        for (index, item) in Self.cases.enumerated() {
            let observation = try #require(report.statements(of: "\(index + 2).sql").first, "\(item) was not observed")
            for template in item.tables {
                let table = Self.name(template, index)
                let observedName = Self.name(item.observedAs[template] ?? template, index)
                let observed = observation.strongestLock(on: observedName)?.mode
                let assumed = Self.staticLock(item, index: index, table: table)
                // The linter tracks SHARE UPDATE EXCLUSIVE and stronger; weaker locks block no reads or writes.
                let expected = observed.flatMap { $0 >= .shareUpdateExclusive ? $0 : nil }
                #expect(
                    assumed == expected,
                    "\(Self.name(item.statement, index)): the linter assumes \(assumed?.name ?? "no lock") on \(table), PostgreSQL takes \(observed?.name ?? "none") (\(observation.locks))"
                )
            }
        }
    }
}
