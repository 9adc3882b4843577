#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StrataPostgres
import Synchronization

/// Ends a test process that has run far longer than any healthy run, so that a hang
/// fails with the tests it was in instead of using up CI's time.
///
/// Armed when the process first uses a test server. When the limit passes it prints the
/// test databases still open (their names carry the test's name) and what their server
/// sessions are doing, then exits with status 1; the exit removes the test clusters as
/// a normal exit does. `STRATA_TEST_TIME_LIMIT` sets the limit in seconds (default 1,800,
/// several times a healthy run on a slow machine); 0 turns the watchdog off.
enum TestWatchdog {
    static let defaultLimit = 1_800

    /// The open test databases: name to the cluster's admin settings.
    private static let open = Mutex<[String: ConnectionSettings]>([:])

    /// Starts the watchdog; called once per process, by the first ``TestEnvironment/server()``.
    static func arm(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let text = environment["STRATA_TEST_TIME_LIMIT"] ?? ""
        let limit = limit(environment)
        if !text.isEmpty, Int(text) != limit {
            FileHandle.standardError.write(Data(
                "strata tests: STRATA_TEST_TIME_LIMIT=\(text) is not a whole number of seconds; using \(defaultLimit)\n".utf8
            ))
        }
        guard limit > 0 else { return }
        Thread.detachNewThread {
            sleep(UInt32(limit))
            expire(after: limit)
        }
    }

    /// The limit in seconds; the default when the setting is unset or not a whole number
    /// of seconds (``arm(environment:)`` warns about the latter).
    static func limit(_ environment: [String: String]) -> Int {
        guard let text = environment["STRATA_TEST_TIME_LIMIT"], let seconds = Int(text), seconds >= 0 else { return defaultLimit }
        return seconds
    }

    static func opened(_ name: String, admin: ConnectionSettings) {
        open.withLock { $0[name] = admin }
    }

    static func dropped(_ name: String) {
        _ = open.withLock { $0.removeValue(forKey: name) }
    }

    private static func expire(after limit: Int) {
        let databases = open.withLock { $0 }
        let sessions = databases.keys.sorted().map { name in (name: name, sessions: activity(of: name, admin: databases[name]!)) }
        FileHandle.standardError.write(Data(report(limit: limit, databases: sessions).utf8))
        exit(1)
    }

    /// What the watchdog prints when the limit passes: the open test databases, each with
    /// what its sessions are doing.
    static func report(limit: Int, databases: [(name: String, sessions: [String])]) -> String {
        var lines = [
            "",
            "strata tests: this test process has run for \(limit) s (STRATA_TEST_TIME_LIMIT), far longer than a healthy run;",
            "stopping it so that a hang fails here. The test clusters are removed on exit.",
        ]
        if databases.isEmpty {
            lines.append("No test database is open: the test still running uses none (see the tests started above and not finished).")
        } else {
            lines.append("Test databases still open (each name carries its test's name), with their server sessions:")
            for database in databases {
                lines.append("  \(database.name)")
                lines += database.sessions.map { "    " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the sessions of database `name` are doing, read within a few seconds at most.
    private static func activity(of name: String, admin: ConnectionSettings) -> [String] {
        let result = Mutex<[String]?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            var lines: [String] = []
            if let session = try? await PostgresSession.connect(admin.with(database: "postgres")) {
                let rows = (try? await session.query(
                    """
                    SELECT pid::text, state, wait_event_type || ':' || wait_event,
                           (clock_timestamp() - state_change)::text, regexp_replace(left(query, 200), '\\s+', ' ', 'g')
                    FROM pg_catalog.pg_stat_activity WHERE datname = $1 ORDER BY pid
                    """,
                    [name]
                )) ?? []
                await session.close()
                lines = rows.map { row in
                    let waiting = row[2].map { " waiting on \($0)" } ?? ""
                    return "session \(row[0] ?? "?"): \(row[1] ?? "?")\(waiting) for \(row[3] ?? "?"): \(row[4] ?? "")"
                }
                if rows.isEmpty { lines = ["no session"] }
            } else {
                lines = ["(the server could not be asked)"]
            }
            result.withLock { $0 = lines }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 10)
        return result.withLock { $0 } ?? ["(the server did not answer within 10 s)"]
    }
}
