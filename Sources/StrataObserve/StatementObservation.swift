import StrataSQL

/// What one statement of a migration did when it ran on the scratch database.
///
/// Encodes as `{"file", "line", "column", "statement", "transaction", "duration_ms",
/// "locks", "rewrites", "scans", "note"}`.
public struct StatementObservation: Sendable, Hashable, Codable {
    /// The transaction the statement ran in while it was observed.
    public enum Transaction: String, Sendable, Hashable, Codable {
        /// The transaction Strata runs a transactional file in.
        case file
        /// A transaction the file opened itself with BEGIN (in a `-- strata:no-transaction` file).
        case explicit
        /// A transaction of its own, opened for the observation: a statement of a
        /// `-- strata:no-transaction` file that may run in a transaction block (PostgreSQL
        /// would run it in an implicit one).
        case statement
        /// None: a statement that cannot run in a transaction block (`CREATE INDEX
        /// CONCURRENTLY`, `VACUUM`, …), watched from a second session.
        case none
    }

    /// The file as given to the observer.
    public var file: String
    public var line: Int
    public var column: Int
    /// The first line of the statement (shortened).
    public var statement: String
    public var transaction: Transaction
    /// How long the statement took on the scratch database (whose tables hold only what the
    /// migrations inserted), in milliseconds.
    public var durationMs: Double
    /// The relation locks the statement took, strongest mode per relation, excluding system
    /// catalogs and locks its transaction already held before it; for a statement watched from a
    /// second session, also the lock it was seen waiting for.
    public var locks: [ObservedLock]
    /// Relations that existed before the file began and got a new file (a rewritten table, a
    /// rebuilt index): tables first, then indexes.
    public var rewrites: [String]
    /// Tables the statement read with a sequential scan.
    public var scans: [String]
    /// What could not be observed, or how to read the lists, when something applies.
    public var note: String?

    public init(
        file: String, position: SourcePosition, statement: String, transaction: Transaction, durationMs: Double,
        locks: [ObservedLock] = [], rewrites: [String] = [], scans: [String] = [], note: String? = nil
    ) {
        self.file = file
        self.line = position.line
        self.column = position.column
        self.statement = statement
        self.transaction = transaction
        self.durationMs = durationMs
        self.locks = locks
        self.rewrites = rewrites
        self.scans = scans
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, statement, transaction, durationMs = "duration_ms", locks, rewrites, scans, note
    }

    /// The strongest granted lock on `relation`, if any.
    public func strongestLock(on relation: String) -> ObservedLock? {
        locks.filter { $0.relation == relation && $0.granted }.max { $0.mode < $1.mode }
    }
}
