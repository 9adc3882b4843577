import Foundation
import StrataLint
import Testing

/// Severities from the configuration, the PostgreSQL version, the report's summary and its JSON.
@Suite struct ConfigurationTests {
    static let table = "CREATE TABLE t (id int, note text);"
    static let twoFindings = "CREATE INDEX t_note ON t (note);\nALTER TABLE t DROP COLUMN note;"

    @Test func defaultSeverities() {
        let report = lint(Self.table, Self.twoFindings)
        #expect(report.findings.map(\.severity) == [.error, .warning])
        #expect(report.summary.errors == 1)
        #expect(report.summary.warnings == 1)
        #expect(report.summary.files == 1)
        #expect(report.hasErrors)
    }

    @Test func severitiesFromTheConfiguration() {
        let changed = configuration(severities: [.indexNotConcurrent: .warning, .dropColumn: .error])
        let report = lint(Self.table, Self.twoFindings, configuration: changed)
        #expect(located(report) == ["index-not-concurrent 1:1", "drop-column 2:1"])
        #expect(report.findings.map(\.severity) == [.warning, .error])
        #expect(report.hasErrors)
    }

    @Test func ruleTurnedOff() {
        let off = configuration(severities: [.indexNotConcurrent: .off])
        let report = lint(Self.table, Self.twoFindings, configuration: off)
        #expect(located(report) == ["drop-column 2:1"])
        #expect(!report.hasErrors)
        #expect(report.summary.ignored == 0)
    }

    @Test func everyRuleHasADefaultSeverityAndOnlyNotIdempotentIsOff() {
        let off = LintRule.allCases.filter { $0.defaultSeverity == .off }
        #expect(off == [.notIdempotent])
        #expect(LintRule.tableRewrite.needsObservation && LintRule.accessExclusiveScan.needsObservation)
        let observedOnly = LintRule.allCases.filter(\.needsObservation).map(\.code)
        #expect(observedOnly.allSatisfy { $0 == "table-rewrite" || $0 == "access-exclusive-scan" || $0 == "replay-failed" })
    }

    @Test func reportedFilesOnly() {
        // Files that are not reported still build the schema: the index is on an existing table.
        let report = lint(Self.table, "DROP TABLE t;", reportAll: true)
        #expect(located(report, withFile: true) == ["2.sql:drop-table 1:1"])
        #expect(report.summary.files == 2)
    }

    // MARK: - PostgreSQL version

    @Test func constantDefaultsRewriteBeforePostgreSQL11() {
        let add = "ALTER TABLE t ADD COLUMN flag boolean NOT NULL DEFAULT false;"
        let ten = lint(Self.table, add, configuration: configuration(postgresVersion: 10))
        #expect(located(ten) == ["volatile-default 1:26"])
        #expect(ten.findings.first?.message.contains("before PostgreSQL 11") == true)
        #expect(located(lint(Self.table, add, configuration: configuration(postgresVersion: 11))) == [])
        #expect(located(lint(Self.table, add, configuration: configuration(postgresVersion: 15))) == [])
    }

    @Test func setNotNullChecksCountFromPostgreSQL12() {
        let files = [
            Self.table,
            "ALTER TABLE t ADD CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;",
            "ALTER TABLE t VALIDATE CONSTRAINT note_nn;",
            "ALTER TABLE t ALTER COLUMN note SET NOT NULL;",
        ]
        #expect(located(lint(files, configuration: configuration(postgresVersion: 11))) == ["set-not-null-scan 1:15"])
        #expect(located(lint(files, configuration: configuration(postgresVersion: 12))) == [])
    }

    @Test func defaultVersionIs13() {
        #expect(LintConfiguration.defaultPostgresVersion == 13)
        #expect(LintConfiguration().postgresVersion == 13)
        #expect(LintConfiguration().lockTimeoutConfigured)
        #expect(LintConfiguration().transactionMode == .batch)
    }

    // MARK: - JSON

    @Test func jsonContract() throws {
        let report = lint(
            Self.table,
            "CREATE INDEX t_note ON t (note);\n-- strata:lint-ignore drop-column the column was never read\nALTER TABLE t DROP COLUMN note;"
        )
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["findings", "summary"])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 0, "files": 1, "ignored": 1])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let first = try #require(findings.first)
        #expect(Set(first.keys) == ["code", "severity", "file", "line", "column", "message", "hint", "statement"])
        #expect(first["code"] as? String == "index-not-concurrent")
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "2.sql")
        #expect(first["line"] as? Int == 1)
        #expect(first["column"] as? Int == 1)
        #expect(first["statement"] as? String == "CREATE INDEX t_note ON t (note)")
        let decoded = try JSONDecoder().decode(LintReport.self, from: data)
        #expect(decoded == report)
    }
}
