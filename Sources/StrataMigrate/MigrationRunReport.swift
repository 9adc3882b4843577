/// What a run did: which migrations it applied or reverted, in which batch.
public struct MigrationRunReport: Sendable, Hashable, Codable {
    /// The outcome for one migration.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Applied and committed.
        case applied
        /// Reverted and committed.
        case reverted
        /// Ran, then was rolled back because a later migration in its transaction failed.
        case rolledBack = "rolled-back"
        /// The migration that failed.
        case failed
        /// Recorded in the history without running (`baseline`, `mark`).
        case recorded
        /// Removed from the history without running (`mark --pending`).
        case unrecorded
        /// Would run (`--dry-run`).
        case planned
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var version: MigrationVersion
        public var name: String
        public var outcome: Outcome
        public var durationMs: Int?
        /// The statements a dry run would execute.
        public var statements: [String]?
        public var file: String?
        /// Whether the migration runs inside a transaction (set for planned entries).
        public var isTransactional: Bool?

        public init(
            version: MigrationVersion, name: String, outcome: Outcome, durationMs: Int?,
            statements: [String]? = nil, file: String?, isTransactional: Bool? = nil
        ) {
            self.version = version
            self.name = name
            self.outcome = outcome
            self.durationMs = durationMs
            self.statements = statements
            self.file = file
            self.isTransactional = isTransactional
        }

        enum CodingKeys: String, CodingKey {
            case version, name, outcome, durationMs = "duration_ms", statements, file, isTransactional = "transactional"
        }
    }

    public var direction: MigrationDirection
    /// The batch number written to the history (for `up`), or reverted (for `down`).
    public var batch: Int?
    public var dryRun: Bool
    public var transactionMode: MigratorConfiguration.TransactionMode
    public var migrations: [Entry]
    public var durationMs: Int

    /// Migrations whose outcome is applied, reverted or recorded.
    public var completedCount: Int {
        migrations.filter { [.applied, .reverted, .recorded, .unrecorded].contains($0.outcome) }.count
    }

    enum CodingKeys: String, CodingKey {
        case direction, batch, dryRun = "dry_run", transactionMode = "transaction_mode", migrations
        case durationMs = "duration_ms"
    }
}
