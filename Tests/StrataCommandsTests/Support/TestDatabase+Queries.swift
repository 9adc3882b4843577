#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// One row of `strata_migrations`, read by the test itself (the oracle for what Strata
/// recorded).
struct HistoryRow: Sendable, Equatable, CustomStringConvertible {
    var version: String
    var name: String
    var checksum: String
    var batch: Int
    var state: String
    var executionMs: Int
    var appliedBy: String

    var description: String { "\(version) \(name) batch \(batch) \(state)" }
}

extension TestDatabase {
    /// A URL for `--url` and `DATABASE_URL` (over the unix socket; no password needed).
    var url: String { settings.url(includingPassword: true) }

    /// Runs `sql` on a session of its own and returns the rows.
    func rows(_ sql: String, _ parameters: [String?] = []) async throws -> [Row] {
        let session = try await self.session()
        do {
            let rows = try await session.query(sql, parameters)
            await session.close()
            return rows
        } catch {
            await session.close()
            throw error
        }
    }

    /// The first value of the first row.
    func value(_ sql: String, _ parameters: [String?] = []) async throws -> String? {
        try await rows(sql, parameters).first?[0]
    }

    func execute(_ sql: String) async throws {
        _ = try await rows(sql)
    }

    /// Whether a table, view, index or sequence of this name exists in `public`.
    func relationExists(_ name: String) async throws -> Bool {
        try await value("SELECT to_regclass($1) IS NOT NULL", ["public." + name]) == "t"
    }

    /// The names of the tables in `public` other than the history table, sorted.
    func userTables() async throws -> [String] {
        try await rows("""
            SELECT tablename::text FROM pg_catalog.pg_tables
            WHERE schemaname = 'public' AND tablename <> 'strata_migrations' ORDER BY 1
            """).compactMap { $0[0] }
    }

    /// Whether `public.strata_migrations` exists.
    func historyTableExists() async throws -> Bool {
        try await relationExists("strata_migrations")
    }

    /// The history, sorted by version; empty when the table does not exist.
    func history() async throws -> [HistoryRow] {
        guard try await historyTableExists() else { return [] }
        return try await rows("""
            SELECT version, name, checksum, batch, state, execution_ms, applied_by
            FROM public.strata_migrations ORDER BY version
            """).map { row in
            HistoryRow(
                version: row[0] ?? "", name: row[1] ?? "", checksum: row[2] ?? "", batch: Int(row[3] ?? "") ?? -1,
                state: row[4] ?? "", executionMs: Int(row[5] ?? "") ?? -1, appliedBy: row[6] ?? ""
            )
        }
    }

    /// The versions in the history, sorted.
    func appliedVersions() async throws -> [String] {
        try await history().map(\.version)
    }

    /// Waits until another session of this database runs a statement containing `text`
    /// and waits for a lock, and returns that session's backend pid.
    /// Ignores the backend `excluded`. Gives up early when `stillWorthWaiting` turns false (say, the process that
    /// should get there has exited).
    func waitForBlockedStatement(
        containing text: String, excluding excluded: Int? = nil, timeout: Duration = .seconds(60),
        while stillWorthWaiting: () -> Bool = { true }
    ) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline && stillWorthWaiting() {
            let pid = try await value(
                """
                SELECT pid FROM pg_catalog.pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_catalog.pg_backend_pid()
                  AND state = 'active' AND wait_event_type = 'Lock' AND strpos(query, $1) > 0
                  AND pid IS DISTINCT FROM $2::int
                LIMIT 1
                """,
                [text, excluded.map(String.init)]
            )
            if let pid, let number = Int(pid) { return number }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("no session ran a statement containing \(text) and waited for a lock (waited at most \(timeout))")
    }
}

/// A session that holds `pg_advisory_lock(key)` on a test database, so that a migration
/// doing `SELECT pg_advisory_xact_lock(key)` waits until the test lets it go.
final class HeldAdvisoryLock: Sendable {
    private let session: PostgresSession
    let key: Int

    private init(session: PostgresSession, key: Int) {
        self.session = session
        self.key = key
    }

    static func take(_ key: Int, on database: TestDatabase) async throws -> HeldAdvisoryLock {
        let session = try await database.session()
        do {
            try await session.execute("SELECT pg_advisory_lock(\(key))")
        } catch {
            await session.close()
            throw error
        }
        return HeldAdvisoryLock(session: session, key: key)
    }

    /// Releases the lock and closes the session (safe to call twice).
    func release() async {
        try? await session.execute("SELECT pg_advisory_unlock(\(key))")
        await session.close()
    }
}

/// Runs `body` with a fresh database and a project pointed at it (`DATABASE_URL`), and
/// removes both afterwards, also when `body` throws.
///
/// Not generic on purpose: with a fixed `async throws -> Void` body, a closure whose only
/// `try`s are inside `#expect` is still checked as throwing.
func withProject(
    label: String = #function,
    _ make: (_ databaseURL: String) throws -> Project,
    _ body: (Project, TestDatabase) async throws -> Void
) async throws {
    try await withTestDatabase(label: label) { database in
        let project = try make(database.url)
        defer { project.delete() }
        try await body(project, database)
    }
}

/// ``TestDatabase/withDatabase(_:_:)`` inside a ``ScenarioLimiter`` slot.
func withTestDatabase(label: String = #function, _ body: (TestDatabase) async throws -> Void) async throws {
    try await ScenarioLimiter.withSlot {
        try await TestDatabase.withDatabase(label) { database in
            try await body(database)
        }
    }
}

/// A failure with a message of the test's own.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Programs from the PostgreSQL installation and the system.
enum Tools {
    /// Runs `psql` on `url` with `ON_ERROR_STOP`, reading SQL from `sql`.
    static func psql(_ url: String, _ sql: String, directory: String = FileManager.default.temporaryDirectory.path) async throws -> CLIResult {
        let psql = try TestServer.binaries().path("psql")
        let process = try ChildProcess(
            executable: psql,
            arguments: ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"],
            directory: directory
        )
        return await process.finish(timeout: .seconds(60))
    }

    /// The hex SHA-256 of a file, from coreutils' `sha256sum` (an oracle independent of Strata).
    static func sha256(ofFile path: String) async throws -> String {
        let process = try ChildProcess(executable: "/usr/bin/sha256sum", arguments: [path], environment: [:], directory: "/")
        let result = await process.finish(timeout: .seconds(30))
        guard result.status == 0, let hex = result.stdout.split(separator: " ").first else {
            throw TestFailure("sha256sum \(path) failed: \(result)")
        }
        return String(hex)
    }
}

/// A login role with a password (checked over TCP, SCRAM) for the duration of `body`;
/// dropped afterwards, also when `body` throws.
func withPasswordRole<T: Sendable>(
    on database: TestDatabase, _ body: (_ role: String, _ password: String) async throws -> T
) async throws -> T {
    let role = "strata_accept_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    let password = "Rt-\(UInt32.random(in: 0...UInt32.max))-pw"
    let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
    try await admin.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'")
    func drop() async {
        _ = try? await admin.query(
            "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = $1", [role]
        )
        try? await database.execute("DROP OWNED BY \(role)")
        try? await admin.execute("DROP ROLE IF EXISTS \(role)")
        await admin.close()
    }
    do {
        let result = try await body(role, password)
        await drop()
        return result
    } catch {
        await drop()
        throw error
    }
}

extension TestDatabase {
    /// `postgres://user:password@127.0.0.1:PORT/this-database` on the test server's TCP port.
    func tcpURL(user: String, password: String?, database name: String? = nil) async throws -> String {
        try await TestServer.tcpSettings(user: user, password: password, database: name ?? self.name).url(includingPassword: true)
    }

    /// The test server's TCP port.
    static func tcpPort() async throws -> Int {
        try await TestServer.tcpSettings(user: "postgres", password: nil, database: "postgres").port
    }
}
