import StrataSQL

/// Lints migration files in order: each statement is checked against the schema that the
/// earlier statements and files build (a static model kept from their DDL), knowing how the
/// file will run (in a transaction or not, the configured `lock_timeout`).
///
/// ```swift
/// let report = Linter(configuration: .init(postgresVersion: 15)).lint([
///     LintFile(name: "migrations/001_users.sql", text: try String(contentsOfFile: path)),
/// ])
/// for finding in report.findings { print(finding.rule.code, finding.message) }
/// ```
public struct Linter: Sendable {
    public var configuration: LintConfiguration

    public init(configuration: LintConfiguration = LintConfiguration()) {
        self.configuration = configuration
    }

    /// Lints `files`, which must be in the order they run.
    ///
    /// - Parameter asOneRun: the files run in one `strata up` (the pending files): in batch
    ///   mode consecutive transactional files share one transaction. Otherwise each file is
    ///   its own run, as when a project's history was applied over time.
    /// - Parameter eachFileAsNewest: every file is judged as if it were the last one, so its
    ///   findings are those it has when linted after the files before it alone (a foreign
    ///   key needs its index by the end of its own file, not of the last file). One pass
    ///   gives every file's findings as a record of it states them.
    /// - Parameter parses: parses made earlier in the same run (by `strata up` before it
    ///   lints the files it will apply), so that no file is parsed twice.
    public func lint(
        _ files: [LintFile], asOneRun: Bool = false, eachFileAsNewest: Bool = false, parses: ScriptParseCache? = nil
    ) -> LintReport {
        var run = LintRun(configuration: configuration, asOneRun: asOneRun, eachFileAsNewest: eachFileAsNewest)
        for (index, prepared) in PreparedFile.prepareAll(files, parses: parses).enumerated() {
            run.lint(prepared, index: index)
        }
        run.finish()
        // Some rules decide at the end of a transaction or a file; list findings by file, then position.
        var order: [String: Int] = [:]
        for (index, file) in files.enumerated() where order[file.name] == nil { order[file.name] = index }
        let findings = run.findings.enumerated().sorted { a, b in
            (order[a.element.file] ?? 0, a.element.line, a.element.column, a.offset)
                < (order[b.element.file] ?? 0, b.element.line, b.element.column, b.offset)
        }.map(\.element)
        return LintReport(findings: findings, files: files.count { $0.isReported }, ignored: run.ignoredCount)
    }
}
