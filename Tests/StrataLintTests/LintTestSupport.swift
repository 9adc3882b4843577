import StrataLint
import Testing

/// Lints files given as text, named `1.sql`, `2.sql`, …; only the last file is reported
/// unless `reportAll`.
func lint(
    _ texts: String..., configuration: LintConfiguration = LintConfiguration(postgresVersion: 15), reportAll: Bool = false,
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
