/// How a ``Migrator`` runs migrations. The defaults match DESIGN §6.
public struct MigratorConfiguration: Sendable, Hashable {
    /// All pending migrations in one transaction, or one transaction per migration.
    public enum TransactionMode: String, Sendable, Hashable, Codable, CaseIterable {
        /// The whole run is one transaction: all or nothing. A no-transaction migration
        /// commits what came before it, runs alone, and a new transaction follows.
        case batch
        /// Every migration commits on its own; a failure keeps the ones before it.
        case each
    }

    /// The schema of the history table `strata_migrations`.
    public var historySchema: String
    /// The history table in ``historySchema``.
    public var history: HistoryTable { HistoryTable(schema: historySchema) }
    public var transactionMode: TransactionMode
    /// `lock_timeout` for migration statements (nil: leave the server's setting).
    public var lockTimeout: Duration?
    /// `statement_timeout` for migration statements (nil: leave the server's setting).
    public var statementTimeout: Duration?
    /// How long to wait for another run's migration lock before giving up.
    public var lockWait: Duration

    public init(
        historySchema: String = "public",
        transactionMode: TransactionMode = .batch,
        lockTimeout: Duration? = .seconds(10),
        statementTimeout: Duration? = nil,
        lockWait: Duration = .seconds(60)
    ) {
        self.historySchema = historySchema
        self.transactionMode = transactionMode
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.lockWait = lockWait
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a positive duration never becomes 0
    /// (which PostgreSQL reads as "no timeout").
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return milliseconds + (remainder > 0 ? 1 : 0)
    }
}
