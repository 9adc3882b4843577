/// One row of a query result, every value as PostgreSQL's text form (nil for NULL).
public struct Row: Sendable, Hashable {
    public var values: [String?]

    public init(_ values: [String?]) { self.values = values }

    /// The value of column `index`; nil for NULL or past the end.
    public subscript(index: Int) -> String? {
        index < values.count ? values[index] : nil
    }
}

/// The narrow interface the migration engine needs from a database connection.
///
/// A session is one pinned server connection: a `SET`, an advisory lock or an open
/// transaction taken through it stays on that connection. Implementations must run
/// calls one at a time in the order they are made; calls made concurrently (the schema
/// inspector hands all its catalog queries over at once) run one at a time in the order
/// they reach the session.
public protocol DatabaseSession: Sendable {
    /// Runs one SQL statement without parameters and discards any rows.
    ///
    /// - Throws: ``DatabaseError``; a server error carries ``ServerError`` fields, whose
    ///   `position` counts characters in `sql`.
    func execute(_ sql: String) async throws

    /// Runs one SQL statement with text parameters (`$1`, `$2`, … typed `text`; cast
    /// them in SQL) and returns the rows with every value as text.
    func query(_ sql: String, _ parameters: [String?]) async throws -> [Row]

    /// Runs a query that returns one row of one-dimensional arrays, such as
    /// `SELECT array_agg(a), array_agg(b) FROM t`, and returns each column's elements as
    /// text (nil for NULL); a NULL array (an aggregate over no rows) is empty, and no row
    /// at all gives no columns.
    ///
    /// A table of thousands of rows arrives this way as one row of a few values, which
    /// decodes several times faster than row by row (the history table before `status`).
    /// The aggregates of one query see the rows in the same order, so the arrays line up.
    func queryColumns(_ sql: String) async throws -> [[String?]]

    /// Runs statements of one open transaction in order, each handed to the connection
    /// before the one ahead of it has finished, and discards their rows.
    ///
    /// The statements go out without a trip back through the caller between them: a
    /// migration's statements, or its history row and `COMMIT`, cost one turn of the
    /// caller instead of one per statement. ``PostgresSession`` on a connection Strata
    /// opened sends them all at once, pipelined, so the server also runs them back to back
    /// without waiting for the client; on a connection the application lent, PostgresNIO
    /// sends each as soon as the server has answered the one before.
    /// Use it only inside a transaction block: after a failure the server refuses every
    /// statement behind it in the block (25P02), so nothing after the first failure takes
    /// effect, and a `COMMIT` queued behind it rolls the transaction back.
    ///
    /// - Parameter willWait: called with a statement's index before waiting for its
    ///   result, in order (for progress events).
    /// - Throws: ``QueuedStatementFailure`` with the first failure's index and its
    ///   ``DatabaseError``.
    func executeQueued(_ statements: [QueuedStatement], willWait: (Int) -> Void) async throws

    /// Hands statements of one open transaction to the connection like
    /// ``executeQueued(_:willWait:)``, but returns before they run: the returned
    /// ``QueuedRun`` waits for them. Statements sent later, also while this run is not
    /// yet waited for, queue behind these, so the server goes from one migration's
    /// statements to the next without waiting for the caller in between. Wait for runs
    /// in the order they were sent; a run no one waits for still runs (and fails after a
    /// failure ahead of it).
    ///
    /// Sessions that cannot queue use the default, which sends nothing until the run is
    /// waited for; a caller that stops at a failure and never waits for a run behind it
    /// leaves those statements unsent.
    func sendQueued(_ statements: [QueuedStatement]) -> QueuedRun
}

/// Statements handed over by ``DatabaseSession/sendQueued(_:)``, to be waited for.
public struct QueuedRun: Sendable {
    private let waitForStatements: @Sendable (_ willWait: (Int) -> Void) async throws -> Void

    /// - Parameter wait: waits for the statements in order, calling `willWait` with each
    ///   one's index before waiting for it, and throws ``QueuedStatementFailure`` for the
    ///   first that failed.
    public init(wait: @escaping @Sendable (_ willWait: (Int) -> Void) async throws -> Void) {
        self.waitForStatements = wait
    }

    /// Waits for the statements as ``DatabaseSession/executeQueued(_:willWait:)`` does.
    ///
    /// - Throws: ``QueuedStatementFailure`` with the first failure's index and its error.
    public func wait(willWait: (Int) -> Void) async throws {
        try await waitForStatements(willWait)
    }
}

/// One statement for ``DatabaseSession/executeQueued(_:willWait:)``: SQL and its text
/// parameters (`$1`, `$2`, … typed `text`), as for ``DatabaseSession/query(_:_:)``.
public struct QueuedStatement: Sendable, Hashable {
    public var sql: String
    public var parameters: [String?]

    public init(_ sql: String, _ parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

/// The first statement of a queued run that failed; none behind it took effect.
public struct QueuedStatementFailure: Error {
    /// The failed statement's index in the run.
    public var index: Int
    /// What the session threw for it (a ``DatabaseError`` from the sessions Strata opens).
    public var error: any Error

    public init(index: Int, error: any Error) {
        self.index = index
        self.error = error
    }
}

extension DatabaseSession {
    /// Runs a query without parameters.
    public func query(_ sql: String) async throws -> [Row] {
        try await query(sql, [])
    }

    /// Reads the one row through ``query(_:_:)`` and each array from its text form
    /// (`{a,"b c",NULL}`), for sessions that do not decode arrays themselves.
    public func queryColumns(_ sql: String) async throws -> [[String?]] {
        guard let row = try await query(sql, []).first else { return [] }
        return try row.values.map { value in
            guard let value else { return [] }
            guard let elements = ArrayText.elements(of: value) else {
                throw DatabaseError(.unexpectedResult, "expected a one-dimensional array, got \(value.prefix(40))")
            }
            return elements
        }
    }

    /// Runs the statements one at a time, each after the one before it has finished, for
    /// sessions that cannot queue.
    public func executeQueued(_ statements: [QueuedStatement], willWait: (Int) -> Void) async throws {
        for (index, statement) in statements.enumerated() {
            willWait(index)
            do {
                if statement.parameters.isEmpty {
                    try await execute(statement.sql)
                } else {
                    _ = try await query(statement.sql, statement.parameters)
                }
            } catch {
                throw QueuedStatementFailure(index: index, error: error)
            }
        }
    }

    /// Sends nothing until the run is waited for, then runs the statements with
    /// ``executeQueued(_:willWait:)``.
    public func sendQueued(_ statements: [QueuedStatement]) -> QueuedRun {
        QueuedRun { willWait in try await self.executeQueued(statements, willWait: willWait) }
    }

    /// The first value of the first row, or nil.
    public func scalar(_ sql: String, _ parameters: [String?] = []) async throws -> String? {
        try await query(sql, parameters).first?[0]
    }
}
