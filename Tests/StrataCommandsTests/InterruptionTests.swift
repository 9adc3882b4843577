#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataTesting
import Testing

/// Killed, interrupted and blocked runs, with real `strata` processes (DESIGN §7:
/// "Interrupting a run … never leaves a transactional migration half-applied or
/// recorded wrongly"; the lock wait and exit 5).
///
/// Migration 2 waits on an advisory lock that the test holds, so the test decides when
/// it is "in the middle of a long migration" without changing the file (its checksum
/// must stay the same for the rerun).
@Suite("interrupted and blocked runs")
struct InterruptionTests {
    static let lockKey = 4242

    static let threeWithBlockingSecond: [String: String] = [
        "0001_first.sql": """
            -- strata:up
            CREATE TABLE first (id int);
            CREATE TABLE runs (version text NOT NULL);
            INSERT INTO runs VALUES ('0001');
            -- strata:down
            DROP TABLE runs;
            DROP TABLE first;

            """,
        "0002_waits.sql": """
            -- strata:up
            SELECT pg_advisory_xact_lock(\(lockKey));
            CREATE TABLE second (id int);
            INSERT INTO runs VALUES ('0002');
            -- strata:down
            DROP TABLE second;

            """,
        "0003_third.sql": """
            -- strata:up
            CREATE TABLE third (id int);
            INSERT INTO runs VALUES ('0003');
            -- strata:down
            DROP TABLE third;

            """,
    ]

    static let blockingStatement = "pg_advisory_xact_lock(\(lockKey))"

    /// Checks that the three migrations are applied exactly once, all in batch 1.
    static func expectAppliedExactlyOnce(_ database: TestDatabase) async throws {
        let history = try await database.history()
        #expect(history.map(\.version) == ["0001", "0002", "0003"], "\(history)")
        #expect(history.map(\.batch) == [1, 1, 1], "\(history)")
        #expect(history.allSatisfy { $0.state == "applied" }, "\(history)")
        #expect(try await database.rows("SELECT version FROM runs ORDER BY version").map { $0[0] } == ["0001", "0002", "0003"])
        #expect(try await database.userTables() == ["first", "runs", "second", "third"])
    }

    /// The rerun starts while the killed run's server session still holds the migration
    /// lock (blocked in migration 2): it must wait until the server notices the dead
    /// client (client_connection_check_interval, seconds) and then apply everything once.
    @Test func killedRunLeavesNothingAndTheNextRunCompletes() async throws {
        try await withProject({ try Project.make(migrations: Self.threeWithBlockingSecond, databaseURL: $0) }) { project, database in
            let lock = try await HeldAdvisoryLock.take(Self.lockKey, on: database)
            let rerun: ChildProcess
            do {
                let run = try project.spawn(["up"])
                let killedBackend = try await database.waitForBlockedStatement(containing: Self.blockingStatement)
                run.send(SIGKILL)
                let killed = await run.finish(timeout: .seconds(30))
                #expect(killed.status == 128 + SIGKILL, "\(killed)")

                rerun = try project.spawn(["up"])
                // The rerun gets the migration lock only once the dead client's session is
                // gone; then it blocks in migration 2 on the lock the test still holds.
                let rerunBackend = try? await database.waitForBlockedStatement(
                    containing: Self.blockingStatement, excluding: killedBackend, timeout: .seconds(45), while: { rerun.isRunning }
                )
                if rerunBackend == nil {
                    Issue.record("the rerun never got to migration 2 (it exited, or waited for the lock for 45 s)")
                }
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
            let result = await rerun.finish(timeout: .seconds(60))
            expectStatus(result, 0)
            expectContains(result.stdout, "Applied 3 migrations in batch 1")
            try await Self.expectAppliedExactlyOnce(database)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func signalCancelsTheRunningStatementAndRollsBack(signal: Int32) async throws {
        try await withProject({ try Project.make(migrations: Self.threeWithBlockingSecond, databaseURL: $0) }) { project, database in
            let lock = try await HeldAdvisoryLock.take(Self.lockKey, on: database)
            let result: CLIResult
            let elapsed: Duration
            do {
                let run = try project.spawn(["up"])
                _ = try await database.waitForBlockedStatement(containing: Self.blockingStatement)
                let clock = ContinuousClock()
                let signalled = clock.now
                run.send(signal)
                result = await run.finish(timeout: .seconds(60))
                elapsed = clock.now - signalled
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
            expectStatus(result, 1)
            #expect(elapsed < .seconds(15), "exiting took \(elapsed)")
            let stderr = result.stderr.lowercased()
            expectContains(stderr, "interrupted")
            expectContains(stderr, "rolled back")
            expectContains(result.stderr, "Nothing from this run stays applied")
            #expect(try await database.history() == [])
            #expect(try await database.userTables() == [])

            // Nothing was recorded wrongly: the next run applies all three once.
            expectStatus(try await project.runProcess(["up"], timeout: .seconds(90)), 0)
            try await Self.expectAppliedExactlyOnce(database)
        }
    }

    @Test func secondRunTimesOutWaitingForTheLockAndNamesTheHolder() async throws {
        try await withProject({ try Project.make(migrations: Self.threeWithBlockingSecond, databaseURL: $0) }) { project, database in
            let lock = try await HeldAdvisoryLock.take(Self.lockKey, on: database)
            let text: CLIResult, json: CLIResult, holderPid: Int, elapsed: Duration
            let holder: ChildProcess
            do {
                holder = try project.spawn(["up"])
                // The session blocked in migration 2 is the one holding the migration lock.
                holderPid = try await database.waitForBlockedStatement(containing: Self.blockingStatement)
                let clock = ContinuousClock()
                let started = clock.now
                text = try await project.runProcess(["up", "--lock-wait", "2s"], timeout: .seconds(60))
                elapsed = clock.now - started
                json = try await project.runProcess(["up", "--lock-wait", "1s", "--format", "json"], timeout: .seconds(60))
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
            expectStatus(text, 5)
            expectContains(text.stderr, "migration lock")
            expectContains(text.stderr, "session \(holderPid)")
            #expect(elapsed < .seconds(30), "waiting for a 2 s lock wait took \(elapsed)")
            expectStatus(json, 5)
            let document = try requireJSON(json)
            #expect(document["error"]["exit_code"].int == 5, "\(document)")
            #expect(document["error"]["code"].string == "lock-timeout", "\(document)")
            #expect(document["error"]["message"].string?.contains("\(holderPid)") == true, "\(document)")

            // The holder was not disturbed: once let go, it applies everything.
            let held = await holder.finish(timeout: .seconds(60))
            expectStatus(held, 0)
            try await Self.expectAppliedExactlyOnce(database)
        }
    }
}
