/// A row of the history table (DESIGN §4).
public struct AppliedMigration: Sendable, Hashable, Codable {
    /// `applied`, or `failed` for a no-transaction migration that broke midway.
    public enum State: String, Sendable, Hashable, Codable {
        case applied, failed
    }

    public var version: MigrationVersion
    public var name: String
    public var checksum: String
    public var batch: Int
    /// When it finished, ISO 8601 in UTC.
    public var appliedAt: String
    public var executionMs: Int
    public var appliedBy: String
    public var state: State

    public init(
        version: MigrationVersion, name: String, checksum: String, batch: Int, appliedAt: String,
        executionMs: Int, appliedBy: String, state: State
    ) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.batch = batch
        self.appliedAt = appliedAt
        self.executionMs = executionMs
        self.appliedBy = appliedBy
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case version, name, checksum, batch, appliedAt = "applied_at", executionMs = "execution_ms"
        case appliedBy = "applied_by", state
    }
}
