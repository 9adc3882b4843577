/// What a run reports while it works. The CLI turns events into progress lines; an app
/// can log them.
public enum MigrationEvent: Sendable {
    /// Another session holds the migration lock; this run waits (up to `lockWait`).
    case waitingForLock(holder: LockHolder?)
    /// The lock was taken after waiting `waitedMs` milliseconds.
    case lockAcquired(waitedMs: Int)
    /// A migration starts; `index` counts from 1 up to `count`.
    case migrationStarted(version: MigrationVersion, name: String, direction: MigrationDirection, index: Int, count: Int)
    /// A migration finished (its transaction may still be open in batch mode).
    case migrationFinished(version: MigrationVersion, name: String, direction: MigrationDirection, durationMs: Int)
    /// A pre, repeatable or post script starts (``Migration/name`` names it).
    case scriptStarted(kind: Migration.Role, name: String, file: String?)
    /// A script finished (its transaction may still be open in batch mode).
    case scriptFinished(kind: Migration.Role, name: String, file: String?, durationMs: Int)
    /// A statement is about to run (for `--verbose`); `source` is the migration's version
    /// or the script's file.
    case statementStarted(source: String, line: Int, text: String)
    /// A transaction committed, making these versioned migrations permanent.
    case committed(versions: [MigrationVersion])
}

/// The session that holds the migration lock, as far as the server tells.
public struct LockHolder: Sendable, Hashable, Codable {
    public var pid: Int
    public var user: String?
    public var applicationName: String?
    public var clientAddress: String?
    /// How long the holder's current transaction or session has been running, in seconds.
    public var runningSeconds: Int?

    public init(pid: Int, user: String?, applicationName: String?, clientAddress: String?, runningSeconds: Int?) {
        self.pid = pid
        self.user = user
        self.applicationName = applicationName
        self.clientAddress = clientAddress
        self.runningSeconds = runningSeconds
    }
}

/// Receives events; called on the run's task, in order.
public typealias MigrationEventHandler = @Sendable (MigrationEvent) -> Void
