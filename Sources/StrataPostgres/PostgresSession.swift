import Logging
import NIOCore
import PostgresNIO

/// A ``DatabaseSession`` on one PostgresNIO connection.
///
/// Either opened by Strata with ``connect(_:logger:)`` (and closed with ``close()``), or
/// wrapping a connection the application already has (``init(connection:logger:)``),
/// which ``close()`` leaves open.
public final class PostgresSession: DatabaseSession, @unchecked Sendable {
    // Sendable: the stored properties are immutable and PostgresConnection is Sendable.
    /// The driver's connection. On a session Strata opened, a query sent on it directly
    /// waits for the pipelined runs before it (``sendQueued(_:)``), but a run handed over
    /// while such a query is still unanswered does not wait for it: await it first.
    public let connection: PostgresConnection
    private let logger: Logger
    private let ownsConnection: Bool
    /// Sends queued statements as one pipeline (``PipelineHandler``), on the connections
    /// Strata opens; nil on a connection the application lent, where they go one by one.
    private let pipeline: NIOLoopBound<PipelineHandler>?

    /// Wraps a connection the caller owns; ``close()`` will not close it.
    public init(connection: PostgresConnection, logger: Logger = .strataQuiet) {
        self.connection = connection
        self.logger = logger
        self.ownsConnection = false
        self.pipeline = nil
    }

    init(owning connection: PostgresConnection, logger: Logger, pipeline: NIOLoopBound<PipelineHandler>?) {
        self.connection = connection
        self.logger = logger
        self.ownsConnection = true
        self.pipeline = pipeline
    }

    public func execute(_ sql: String) async throws {
        _ = try await collect(PostgresQuery(unsafeSQL: sql))
    }

    public func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
        var result: [Row] = []
        for row in try await collect(Self.postgresQuery(sql, parameters)) {
            var values: [String?] = []
            values.reserveCapacity(row.count)
            for cell in row { values.append(try Self.text(of: cell)) }
            result.append(Row(values))
        }
        return result
    }

    /// Hands every statement to the connection at once and waits for them in order.
    public func executeQueued(_ statements: [QueuedStatement], willWait: (Int) -> Void) async throws {
        try await sendQueued(statements).wait(willWait: willWait)
    }

    /// Hands every statement to the connection now; the run waits for their results.
    ///
    /// On a connection Strata opened, the statements go to the server as one pipeline, so
    /// the server runs them back to back (``PipelineHandler``); on one the application
    /// lent, PostgresNIO queues them and sends each when the server has answered the one
    /// before. Either way a statement after a failed one does not take effect.
    public func sendQueued(_ statements: [QueuedStatement]) -> QueuedRun {
        let answers: [EventLoopFuture<Void>]
        let loop = connection.eventLoop
        if let pipeline {
            if loop.inEventLoop {
                answers = pipeline.value.send(statements, on: loop)
            } else {
                let promises = statements.map { _ in loop.makePromise(of: Void.self) }
                loop.execute {
                    for (promise, answer) in zip(promises, pipeline.value.send(statements, on: loop)) {
                        answer.cascade(to: promise)
                    }
                }
                answers = promises.map(\.futureResult)
            }
        } else {
            answers = statements.map { send(Self.postgresQuery($0.sql, $0.parameters)).map { _ in } }
        }
        return QueuedRun { [answers] willWait in
            for (index, answer) in answers.enumerated() {
                willWait(index)
                do {
                    try await answer.get()
                } catch {
                    // The answers behind this one fail too; nothing waits for them.
                    throw QueuedStatementFailure(index: index, error: DatabaseError.from(error, statement: statements[index].sql))
                }
            }
        }
    }

    /// Sends `query` from the connection's event loop, or fails it as a lost connection
    /// when the connection has closed.
    ///
    /// PostgresNIO (1.33) drops a query written once its channel has closed without ever
    /// completing it, so a `ROLLBACK` or `DEALLOCATE` sent after the server ended the
    /// session would wait forever. On the event loop the check cannot race the close: a
    /// channel still open there still has the driver's handler, which answers the query
    /// or fails it when the connection goes (NIO removes the handlers only after marking
    /// the channel closed). Writes from outside the loop hop onto it anyway, so this
    /// costs no extra hop; a caller already on the loop (`strata` runs its tasks there)
    /// sends at once.
    private func send(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        let connection = self.connection
        let logger = self.logger
        let pipeline = self.pipeline
        if connection.eventLoop.inEventLoop {
            return Self.send(query, on: connection, pipeline: pipeline, logger: logger)
        }
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        connection.eventLoop.execute {
            Self.send(query, on: connection, pipeline: pipeline, logger: logger).cascade(to: answer)
        }
        return answer.futureResult
    }

    /// Sends `query` on the connection's event loop, after the pipelined runs handed over
    /// before it.
    private static func send(
        _ query: PostgresQuery, on connection: PostgresConnection, pipeline: NIOLoopBound<PipelineHandler>?, logger: Logger
    ) -> EventLoopFuture<PostgresQueryResult> {
        guard let pipeline else { return sendNow(query, on: connection, logger: logger) }
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        pipeline.value.sendDriverQuery {
            let result = sendNow(query, on: connection, logger: logger)
            result.cascade(to: answer)
            return result.map { _ in }
        }
        return answer.futureResult
    }

    /// Sends `query` now, on the connection's event loop, unless the connection has closed.
    private static func sendNow(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) -> EventLoopFuture<PostgresQueryResult> {
        connection.eventLoop.preconditionInEventLoop()
        guard !connection.isClosed else {
            return connection.eventLoop.makeFailedFuture(DatabaseError.connectionClosed(statement: query.sql))
        }
        return connection.query(query, logger: logger)
    }

    /// The driver's query for `sql` with its text parameters bound.
    private static func postgresQuery(_ sql: String, _ parameters: [String?]) -> PostgresQuery {
        guard !parameters.isEmpty else { return PostgresQuery(unsafeSQL: sql) }
        var bindings = PostgresBindings(capacity: parameters.count)
        for parameter in parameters {
            if let parameter { bindings.append(parameter) } else { bindings.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    public func queryColumns(_ sql: String) async throws -> [[String?]] {
        guard let row = try await collect(PostgresQuery(unsafeSQL: sql)).first else { return [] }
        var columns: [[String?]] = []
        columns.reserveCapacity(row.count)
        for cell in row {
            guard var bytes = cell.bytes else {
                columns.append([])
                continue
            }
            guard cell.format == .binary else {
                throw DatabaseError(.unexpectedResult, "column \"\(cell.columnName)\" came back as text, not as a binary array")
            }
            columns.append(try Self.arrayElements(&bytes, column: cell.columnName))
        }
        return columns
    }

    /// The elements of a one-dimensional array in PostgreSQL's binary form (`array_send`:
    /// dimensions, a has-nulls flag, the element type, each dimension's length and lower
    /// bound, then each element as a length, -1 for NULL, and its bytes), as text.
    private static func arrayElements(_ bytes: inout ByteBuffer, column: String) throws -> [String?] {
        let malformed = DatabaseError(.unexpectedResult, "column \"\(column)\" is not a one-dimensional array")
        guard let dimensions = bytes.readInteger(as: Int32.self), bytes.readInteger(as: Int32.self) != nil,
              let elementType = bytes.readInteger(as: UInt32.self) else { throw malformed }
        if dimensions == 0 { return [] }
        guard dimensions == 1, let count = bytes.readInteger(as: Int32.self), count >= 0,
              bytes.readInteger(as: Int32.self) != nil else { throw malformed }
        let type = PostgresDataType(elementType)
        var elements: [String?] = []
        elements.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = bytes.readInteger(as: Int32.self) else { throw malformed }
            if length < 0 {
                elements.append(nil)
                continue
            }
            guard let element = bytes.readSlice(length: Int(length)) else { throw malformed }
            elements.append(try text(type: type, binary: true, bytes: element) {
                throw DatabaseError(.unexpectedResult, "column \"\(column)\" holds arrays of type oid \(elementType), which Strata reads only as text")
            })
        }
        return elements
    }

    /// Runs one statement and returns its rows, collected on the event loop: iterating
    /// the async row sequence instead costs a task hop per row, which dominated reading
    /// large catalogs and history tables. Interrupts cancel on the server
    /// (`pg_cancel_backend`), so nothing here depends on task cancellation.
    private func collect(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await send(query).get().rows
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError.from(error, statement: query.sql)
        }
    }

    /// Closes the connection if this session opened it.
    ///
    /// - Parameter waiting: whether to wait until the server has ended the session. A
    ///   process about to exit need not: the goodbye message is sent at once either way
    ///   (waiting for the server's side of the close cost a `strata status` run a tenth of
    ///   its time).
    public func close(waiting: Bool = true) async {
        guard ownsConnection else { return }
        if waiting {
            try? await connection.close()
        } else {
            let _: EventLoopFuture<Void> = connection.close()
        }
    }

    /// The text form of a result value. Queries should select text; integers and
    /// booleans are converted here so that `count(*)` and friends need no cast, and a
    /// `timestamptz` becomes ISO 8601 in UTC (``TimestampText``).
    private static func text(of cell: PostgresCell) throws -> String? {
        guard let bytes = cell.bytes else { return nil }
        return try text(type: cell.dataType, binary: cell.format == .binary, bytes: bytes) {
            if cell.format == .text { return try cell.decode(String.self) }
            throw DatabaseError(
                .unexpectedResult,
                "column \"\(cell.columnName)\" has type oid \(cell.dataType.rawValue), which Strata reads only as text",
                hint: "cast the column to text in the query (\(cell.columnName)::text)"
            )
        }
    }

    /// A value of `type` as text; `other` answers for the types not read here.
    private static func text(
        type: PostgresDataType, binary: Bool, bytes: ByteBuffer, other: () throws -> String?
    ) throws -> String? {
        var bytes = bytes
        switch type {
        case .text, .varchar, .name, .bpchar, .unknown, .json:
            // The same bytes in the binary and the text format: read them directly.
            return bytes.readString(length: bytes.readableBytes)
        case .int2 where binary:
            return bytes.readInteger(as: Int16.self).map { String($0) }
        case .int4 where binary:
            return bytes.readInteger(as: Int32.self).map { String($0) }
        case .int8 where binary:
            return bytes.readInteger(as: Int64.self).map { String($0) }
        case .int2, .int4, .int8:
            return bytes.readString(length: bytes.readableBytes).flatMap { Int($0) }.map { String($0) }
        case .oid where binary:
            return bytes.readInteger(as: UInt32.self).map { String($0) }
        case .bool:
            guard let first = bytes.readInteger(as: UInt8.self) else { return nil }
            return binary ? (first != 0 ? "t" : "f") : (first == UInt8(ascii: "t") ? "t" : "f")
        case .timestamptz where binary:
            return bytes.readInteger(as: Int64.self).map { TimestampText.iso8601(microsecondsSince2000: $0) }
        case .void:
            return nil
        default:
            return try other()
        }
    }
}

extension Logger {
    /// A logger that discards everything: the driver's own logs are not for users.
    public static var strataQuiet: Logger {
        Logger(label: "strata.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
