/// What the linter knows about how the files will run, and which rules count how much.
public struct LintConfiguration: Sendable, Hashable {
    /// How `strata up` groups migrations into transactions (`transaction:` in `strata.yaml`).
    public enum TransactionMode: String, Sendable, Hashable {
        /// One transaction for the whole run (consecutive transactional files share it).
        case batch
        /// One transaction per migration.
        case each
    }

    /// Severities set in `strata.yaml`; rules not named keep ``LintRule/defaultSeverity``.
    public var severities: [LintRule: LintSeverity]
    /// The PostgreSQL major version the files will run on (some rules depend on it).
    public var postgresVersion: Int
    /// Whether Strata sets a `lock_timeout` for migration statements (`lock_timeout:` in
    /// `strata.yaml`, 10s unless set to 0).
    public var lockTimeoutConfigured: Bool
    public var transactionMode: TransactionMode

    /// The version assumed when neither `strata.yaml` nor a target gives one.
    public static let defaultPostgresVersion = 13

    public init(
        severities: [LintRule: LintSeverity] = [:], postgresVersion: Int = LintConfiguration.defaultPostgresVersion,
        lockTimeoutConfigured: Bool = true, transactionMode: TransactionMode = .batch
    ) {
        self.severities = severities
        self.postgresVersion = postgresVersion
        self.lockTimeoutConfigured = lockTimeoutConfigured
        self.transactionMode = transactionMode
    }

    /// The severity a rule's findings get.
    public func severity(of rule: LintRule) -> LintSeverity {
        severities[rule] ?? rule.defaultSeverity
    }
}
