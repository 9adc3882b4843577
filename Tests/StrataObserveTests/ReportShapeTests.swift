import Foundation
import StrataLint
import StrataObserve
import StrataSQL
import Testing

/// The JSON shape of a report, and the rule that decides which ignore comments cover a statement.
@Suite struct ReportShapeTests {
    @Test func aReportEncodesWithSnakeCaseKeysAndLockModesByName() throws {
        let statement = StatementObservation(
            file: "migrations/2_alter.sql", position: SourcePosition(line: 3, column: 1, offset: 40),
            statement: "ALTER TABLE t ALTER COLUMN id TYPE bigint", transaction: .file, durationMs: 1.25,
            locks: [ObservedLock(relation: "t", mode: .accessExclusive), ObservedLock(relation: nil, lockType: "virtualxid", mode: .share, granted: false)],
            rewrites: ["t", "t_pkey"], scans: ["t"]
        )
        let report = ObservationReport(serverVersion: "15.18", statements: [statement], findings: [], ignored: 0, notObserved: ["3_more.sql"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json.contains(#""server_version":"15.18""#))
        #expect(json.contains(#""not_observed":["3_more.sql"]"#))
        #expect(json.contains(#""duration_ms":1.25"#))
        #expect(json.contains(#"{"granted":true,"lock_type":"relation","mode":"ACCESS EXCLUSIVE","relation":"t"}"#), "\(json)")
        #expect(json.contains(#"{"granted":false,"lock_type":"virtualxid","mode":"SHARE","relation":null}"#), "\(json)")
        #expect(json.contains(#""transaction":"file""#))
        let decoded = try JSONDecoder().decode(ObservationReport.self, from: Data(json.utf8))
        #expect(decoded == report)
    }

    @Test func ignoreCommentsCoverTheNextStatementAndTheFile() throws {
        let script = MigrationScript.parse("""
            -- strata:lint-ignore-file drop-table old tables
            -- strata:up
            -- strata:lint-ignore table-rewrite, access-exclusive-scan ten rows
            ALTER TABLE t ALTER COLUMN id TYPE bigint;
            ALTER TABLE t ALTER COLUMN name SET NOT NULL;
            -- strata:lint-ignore index-not-concurrent
            CREATE INDEX ON t (name);
            """)
        #expect(script.isValid)
        let codes = script.up.map { script.lintIgnoredCodes(for: $0) }
        #expect(codes == [
            ["drop-table", "table-rewrite", "access-exclusive-scan"],
            ["drop-table"],
            ["drop-table", "index-not-concurrent"],
        ])
    }
}
