import StrataLint
import Testing

/// Lints files given as text, named `1.sql`, `2.sql`, …; only the last file is reported
/// unless `reportAll`.
func lint(
    _ texts: String..., configuration: LintConfiguration = LintConfiguration(postgresVersion: 15), reportAll: Bool = false,
    asOneRun: Bool = false
) -> LintReport {
    lint(texts, configuration: configuration, reportAll: reportAll, asOneRun: asOneRun)
}

/// ``lint(_:configuration:reportAll:asOneRun:)`` with the files in an array.
func lint(
    _ texts: [String], configuration: LintConfiguration = LintConfiguration(postgresVersion: 15), reportAll: Bool = false,
    asOneRun: Bool = false
) -> LintReport {
    let files = texts.enumerated().map { index, text in
        LintFile(name: "\(index + 1).sql", text: text, isReported: reportAll || index == texts.count - 1)
    }
    return Linter(configuration: configuration).lint(files, asOneRun: asOneRun)
}

/// The codes of a report's findings, in order.
func codes(_ report: LintReport) -> [String] {
    report.findings.map(\.rule.code)
}

/// Each finding as `code line:column` (with `file:` in front when `withFile`), in order: one
/// comparison checks codes and positions together.
func located(_ report: LintReport, withFile: Bool = false) -> [String] {
    report.findings.map { (withFile ? "\($0.file):" : "") + "\($0.rule.code) \($0.line):\($0.column)" }
}

/// The only finding of a report with this code; records an issue when there is not exactly one.
func finding(_ code: String, in report: LintReport, sourceLocation: SourceLocation = #_sourceLocation) -> LintFinding? {
    let matching = report.findings.filter { $0.rule.code == code }
    #expect(matching.count == 1, "expected one \(code) finding, got \(located(report))", sourceLocation: sourceLocation)
    return matching.first
}

/// A configuration for PostgreSQL 15 with the given changes.
func configuration(
    postgresVersion: Int = 15, lockTimeout: Bool = true, mode: LintConfiguration.TransactionMode = .batch,
    severities: [LintRule: LintSeverity] = [:]
) -> LintConfiguration {
    LintConfiguration(severities: severities, postgresVersion: postgresVersion, lockTimeoutConfigured: lockTimeout, transactionMode: mode)
}
