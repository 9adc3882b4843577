import StrataLint

/// What observing migration files on a scratch database recorded and found.
///
/// Encodes as `{"server_version", "statements": [...], "findings": [...], "ignored",
/// "not_observed"}`; findings have the shape of the linter's (``LintFinding``).
public struct ObservationReport: Sendable, Hashable, Codable {
    /// The scratch server's version (`server_version`), which is what was observed.
    public var serverVersion: String
    /// Every statement of the reported files that ran, in order.
    public var statements: [StatementObservation]
    /// `table-rewrite`, `access-exclusive-scan`, `replay-failed`, and `invalid-file` for a
    /// file that stopped the observation; in file order.
    public var findings: [LintFinding]
    /// How many findings `-- strata:lint-ignore` comments kept out.
    public var ignored: Int
    /// Reported files that were not observed (all or in part) because an earlier statement or
    /// file stopped the run; the finding that stopped it says why.
    public var notObserved: [String]

    public init(
        serverVersion: String, statements: [StatementObservation], findings: [LintFinding], ignored: Int, notObserved: [String]
    ) {
        self.serverVersion = serverVersion
        self.statements = statements
        self.findings = findings
        self.ignored = ignored
        self.notObserved = notObserved
    }

    enum CodingKeys: String, CodingKey {
        case serverVersion = "server_version", statements, findings, ignored, notObserved = "not_observed"
    }

    /// Whether any finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
