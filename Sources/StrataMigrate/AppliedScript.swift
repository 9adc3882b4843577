/// A repeatable script's row in the history table (DESIGN §4): the checksum it had when
/// it last ran, so that `up` runs it again when the file changes.
public struct AppliedScript: Sendable, Hashable, Codable {
    /// The script's path in the repeatable folder, e.g. `views/active_users.sql`.
    public var name: String
    public var checksum: String
    /// The batch of the run that last applied it.
    public var batch: Int
    /// When it last finished, ISO 8601 in UTC.
    public var appliedAt: String
    public var executionMs: Int
    public var appliedBy: String
    public var state: AppliedMigration.State

    public init(
        name: String, checksum: String, batch: Int, appliedAt: String, executionMs: Int, appliedBy: String,
        state: AppliedMigration.State
    ) {
        self.name = name
        self.checksum = checksum
        self.batch = batch
        self.appliedAt = appliedAt
        self.executionMs = executionMs
        self.appliedBy = appliedBy
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case name, checksum, batch, appliedAt = "applied_at", executionMs = "execution_ms"
        case appliedBy = "applied_by", state
    }
}

/// The history table's rows, versioned migrations and repeatable scripts apart.
public struct HistoryRows: Sendable, Hashable {
    /// Sorted by version.
    public var migrations: [AppliedMigration]
    /// Sorted by name.
    public var repeatables: [AppliedScript]

    public init(migrations: [AppliedMigration], repeatables: [AppliedScript]) {
        self.migrations = migrations
        self.repeatables = repeatables
    }

    /// The newest batch number of any row (0 when there is none): the next run's batch is
    /// one more, whether it applies migrations or only re-runs scripts.
    public var lastBatch: Int {
        max(migrations.map(\.batch).max() ?? 0, repeatables.map(\.batch).max() ?? 0)
    }
}
