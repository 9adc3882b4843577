import NIOCore
import PostgresNIO
import Synchronization

/// The queries a ``PostgresSession`` has sent and not seen answered, failed together
/// when the connection closes.
///
/// PostgresNIO (1.33) drops a query written after its channel has closed without ever
/// completing it, so a `ROLLBACK` or `DEALLOCATE` sent after the server ended the session
/// would wait forever. Every query goes through ``watch(_:send:)``: a query sent after
/// the close fails at once, and one in flight when it happens fails with it, with
/// ``DatabaseError/Code/connectionLost``. One callback on the connection's close future
/// serves every query, so a long-lived connection lent by an application gathers none.
final class InFlightQueries: Sendable {
    private struct State {
        var closed = false
        var nextID = 0
        var promises: [Int: EventLoopPromise<PostgresQueryResult>] = [:]
    }

    private let state = Mutex(State())

    /// Starts watching `connection`'s close.
    init(_ connection: PostgresConnection) {
        connection.closeFuture.whenComplete { [self] _ in
            let open = state.withLock { state in
                state.closed = true
                defer { state.promises = [:] }
                return Array(state.promises.values)
            }
            for promise in open { promise.fail(Self.closed) }
        }
    }

    /// The answer to the query that `send` sends, or its failure when the connection
    /// closes first (or has closed already, in which case `send` is not called).
    func watch(
        on eventLoop: any EventLoop, _ send: () -> EventLoopFuture<PostgresQueryResult>
    ) -> EventLoopFuture<PostgresQueryResult> {
        let promise = eventLoop.makePromise(of: PostgresQueryResult.self)
        let id = state.withLock { state -> Int? in
            guard !state.closed else { return nil }
            state.nextID += 1
            state.promises[state.nextID] = promise
            return state.nextID
        }
        guard let id else {
            promise.fail(Self.closed)
            return promise.futureResult
        }
        send().whenComplete { [self] result in
            _ = state.withLock { $0.promises.removeValue(forKey: id) }
            // A promise the close failed first keeps that failure.
            promise.completeWith(result)
        }
        return promise.futureResult
    }

    private static var closed: DatabaseError {
        DatabaseError(
            .connectionLost, "the connection to the server was closed",
            hint: "the server may have restarted, ended the session or a network link dropped; run the command again to see the database's state"
        )
    }
}
