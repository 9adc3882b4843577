/// What one lint run found.
///
/// Encodes as the JSON contract `{"findings": [...], "summary": {"errors", "warnings",
/// "files"}}`.
public struct LintReport: Sendable, Hashable, Codable {
    public struct Summary: Sendable, Hashable, Codable {
        public var errors: Int
        public var warnings: Int
        /// How many files were reported on.
        public var files: Int
        /// How many findings `-- strata:lint-ignore` comments kept out of the report.
        public var ignored: Int
    }

    /// Findings in file order, then by position.
    public var findings: [LintFinding]
    public var summary: Summary

    public init(findings: [LintFinding], files: Int, ignored: Int) {
        self.findings = findings
        summary = Summary(
            errors: findings.count { $0.severity == .error },
            warnings: findings.count { $0.severity == .warning },
            files: files, ignored: ignored
        )
    }

    /// Whether any finding is an error (`strata lint` then exits 4).
    public var hasErrors: Bool { summary.errors > 0 }
}
