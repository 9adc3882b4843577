import StrataLint
import StrataPostgres

/// A second session on the scratch database that watches the runner's locks while it runs a
/// statement that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY` and friends).
///
/// Before the statement starts, the watch opens a REPEATABLE READ transaction and takes a
/// snapshot: a concurrent index build waits for every older snapshot before it finishes, so
/// the runner is seen waiting with its locks granted. The watch polls the runner's
/// `pg_locks` every few milliseconds, and ends its transaction as soon as it sees the runner
/// waiting, after ``maximumHold`` at the latest, when the statement ends, and when anything
/// fails — the statement is never left blocked.
struct ConcurrentWatch: Sendable {
    /// A lock as the second session saw it.
    struct SeenLock: Sendable, Hashable {
        var lockType: String
        var oid: String?
        /// `regclass` text; the oid when the relation is not visible to the second session.
        var relation: String?
        var mode: LockMode
        var granted: Bool
    }

    /// What happened to the statement and what the polls saw.
    struct Outcome: Sendable {
        /// The statement's error, if it failed.
        var error: (any Error)?
        var durationMs: Double
        /// Granted relation locks, strongest mode per relation oid.
        var granted: [SeenLock]
        /// The first lock the runner was seen waiting for.
        var waiting: SeenLock?
        /// Whether the second session broke (and was closed); open a new watch next time.
        var isBroken: Bool
    }

    /// How long the watch keeps its snapshot when the statement is never seen waiting.
    static let maximumHold: Duration = .seconds(1)
    static let pollInterval: Duration = .milliseconds(2)

    let session: PostgresSession

    /// Opens the second session, with timeouts that end its transaction even if Strata stops
    /// answering.
    static func open(_ settings: ConnectionSettings) async throws -> ConcurrentWatch {
        let session = try await PostgresSession.connect(settings)
        do {
            try await session.execute("SET statement_timeout = '5s'")
            try await session.execute("SET idle_in_transaction_session_timeout = '10s'")
        } catch {
            await session.close()
            throw error
        }
        return ConcurrentWatch(session: session)
    }

    func close() async {
        await session.close()
    }

    private enum Event: Sendable {
        case finished(error: (any Error)?, durationMs: Double)
        case polled(Polls)
    }

    private struct Polls: Sendable {
        var granted: [String: SeenLock] = [:]
        var waiting: SeenLock?
        var isReleased = false
        var isBroken = false
    }

    /// Runs `sql` on `runner` (whose backend pid is `runnerPid`) while watching its locks.
    ///
    /// - Throws: only when the watch cannot start its transaction; the statement has not run then.
    func watch(_ sql: String, runner: PostgresSession, runnerPid: String) async throws -> Outcome {
        try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        do {
            _ = try await session.query("SELECT 1")
        } catch {
            _ = try? await session.execute("ROLLBACK")
            throw error
        }
        let session = session
        let (error, durationMs, polls) = await withTaskGroup(of: Event.self) { group in
            group.addTask {
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    try await runner.execute(sql)
                    return .finished(error: nil, durationMs: Self.milliseconds(clock.now - start))
                } catch {
                    return .finished(error: error, durationMs: Self.milliseconds(clock.now - start))
                }
            }
            group.addTask {
                .polled(await Self.poll(session, pid: runnerPid))
            }
            var error: (any Error)?
            var durationMs = 0.0
            var polls = Polls()
            while let event = await group.next() {
                switch event {
                case .finished(let failure, let elapsed):
                    error = failure
                    durationMs = elapsed
                    group.cancelAll()
                case .polled(let seen):
                    polls = seen
                }
            }
            return (error, durationMs, polls)
        }
        var isBroken = polls.isBroken
        if !polls.isReleased && !isBroken {
            do {
                try await session.execute("COMMIT")
            } catch {
                isBroken = true
                await session.close()
            }
        }
        return Outcome(
            error: error, durationMs: durationMs, granted: polls.granted.values.sorted { ($0.relation ?? "", $0.mode) < ($1.relation ?? "", $1.mode) },
            waiting: polls.waiting, isBroken: isBroken
        )
    }

    /// Polls the runner's locks until cancelled (when the statement ends).
    private static func poll(_ session: PostgresSession, pid: String) async -> Polls {
        var polls = Polls()
        let clock = ContinuousClock()
        let start = clock.now
        while !Task.isCancelled {
            do {
                for row in try await session.query(ObservationQueries.locksOfBackend, [pid]) {
                    guard let type = row[0], let modeName = row[3], let mode = LockMode(pgLocksMode: modeName) else { continue }
                    let lock = SeenLock(lockType: type, oid: row[1], relation: row[2], mode: mode, granted: row[4] == "true")
                    if lock.granted {
                        guard type == "relation", let oid = lock.oid else { continue }
                        if (polls.granted[oid]?.mode ?? .accessShare) <= mode { polls.granted[oid] = lock }
                    } else if polls.waiting == nil {
                        polls.waiting = lock
                    }
                }
                if !polls.isReleased && (polls.waiting != nil || clock.now - start > maximumHold) {
                    try await session.execute("COMMIT")
                    polls.isReleased = true
                }
            } catch {
                // End the snapshot whatever broke; a session that cannot even roll back is closed,
                // which ends its transaction on the server.
                if !polls.isReleased {
                    do {
                        try await session.execute("ROLLBACK")
                        polls.isReleased = true
                    } catch {
                        await session.close()
                        polls.isBroken = true
                    }
                }
                return polls
            }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                break
            }
        }
        return polls
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 1000 + Double(attoseconds) / 1e15).rounded(toPlaces: 3)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
