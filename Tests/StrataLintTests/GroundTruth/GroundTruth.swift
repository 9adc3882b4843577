import StrataLint
import StrataPostgres
import StrataSQL
import StrataTesting
import Testing

/// One statement form, as earlier migrations (`setup`, which also fills the tables with rows)
/// and the migration file under test, run both through the linter and on the real server.
struct GroundTruthCase: Sendable, CustomTestStringConvertible {
    var name: String
    var setup: [String]
    var migration: String
    /// The table whose fate the rule is about.
    var table: String

    init(_ name: String, setup: [String], _ migration: String, table: String = "t") {
        self.name = name
        self.setup = setup
        self.migration = migration
        self.table = table
    }

    var testDescription: String { name }

    /// The codes the linter reports for the migration, after the setup files (PostgreSQL 15).
    func lintCodes(lockTimeout: Bool = true) -> [String] {
        codes(lint(setup + [migration], configuration: configuration(lockTimeout: lockTimeout)))
    }

    func linterFlags(_ rule: LintRule) -> Bool {
        lintCodes().contains(rule.code)
    }
}

/// What PostgreSQL did while running a migration in a transaction that is rolled back
/// afterwards, seen from the table the rule is about.
struct ServerEffect: Sendable {
    /// Whether the table got a new relfilenode: PostgreSQL wrote a new copy of it.
    var rewrote: Bool
    /// Sequential and index scans of the table by the migration (`pg_stat_xact_user_tables`).
    var scans: Int
    /// The same for the migration's last statement alone.
    var lastStatementScans: Int
    /// Indexes on the table that the migration added (built, not attached).
    var indexesBuilt: Int
    /// The relation locks the migration's backend holds on the table at the end (`pg_locks`).
    var locks: Set<LockMode>
    /// Whether the backend holds ACCESS EXCLUSIVE on some table that existed before the migration.
    var accessExclusiveOnExistingTable: Bool
    /// Whether another session could see the table while the migration's transaction was open
    /// (false for a table created by the migration: no other session can be waiting for it).
    var visibleToOthers: Bool
    /// Whether another session could then take ROW EXCLUSIVE (INSERT, UPDATE, DELETE) on it at once.
    var othersCanWrite: Bool
    /// Whether another session could then take ACCESS SHARE (SELECT) on it at once.
    var othersCanRead: Bool
    /// The error of the statement that failed; nil when every statement succeeded.
    var error: ServerError?
}

/// Runs ``GroundTruthCase``s on the test server.
enum GroundTruth {
    /// Runs `setup` statement by statement (each commits), then the migration's statements in one
    /// transaction, observes, and rolls back.
    static func run(_ testCase: GroundTruthCase) async throws -> ServerEffect {
        try await TestDatabase.withDatabase("lint_truth_\(testCase.name)") { database in
            try await withSessions(2, on: database) { sessions in
                try await run(testCase, on: sessions[0], observer: sessions[1])
            }
        }
    }

    /// Opens `count` sessions on the database, runs `body` with them, and closes them all, also
    /// when opening one of them or `body` fails.
    private static func withSessions<T: Sendable>(
        _ count: Int, on database: TestDatabase, _ body: ([PostgresSession]) async throws -> T
    ) async throws -> T {
        var sessions: [PostgresSession] = []
        let result: Result<T, any Error>
        do {
            for _ in 0..<count { sessions.append(try await database.session()) }
            result = .success(try await body(sessions))
        } catch {
            result = .failure(error)
        }
        for session in sessions { await session.close() }
        return try result.get()
    }

    private static func run(_ testCase: GroundTruthCase, on session: PostgresSession, observer: PostgresSession) async throws -> ServerEffect {
        for file in testCase.setup {
            for statement in statements(of: file) { try await session.execute(statement) }
        }
        let existingTables = Set(try await session.query(
            "SELECT oid::text FROM pg_catalog.pg_class WHERE relkind IN ('r', 'p', 'm') AND relnamespace = 'public'::regnamespace"
        ).compactMap { $0[0] })
        let before = try await tableState(testCase.table, on: session)

        try await session.execute("BEGIN")
        // The backend's counts include earlier transactions whose counts it has not sent yet, so
        // scans are differences of readings taken inside the transaction.
        let scansAtStart = try await scanCount(before?.oid, on: session)
        var scansBeforeLast = scansAtStart
        var failure: ServerError?
        let migration = statements(of: testCase.migration)
        for (index, statement) in migration.enumerated() {
            do {
                if index == migration.count - 1, index > 0 {
                    scansBeforeLast = try await scanCount(try await tableState(testCase.table, oid: before?.oid, on: session)?.oid, on: session)
                }
                try await session.execute(statement)
            } catch let error as DatabaseError where error.server != nil {
                failure = error.server
                break
            }
        }
        guard failure == nil else {
            try await session.execute("ROLLBACK")
            return ServerEffect(
                rewrote: false, scans: 0, lastStatementScans: 0, indexesBuilt: 0, locks: [], accessExclusiveOnExistingTable: false,
                visibleToOthers: before != nil, othersCanWrite: true, othersCanRead: true, error: failure
            )
        }
        let after = try await tableState(testCase.table, oid: before?.oid, on: session)
        let oid = after?.oid ?? before?.oid ?? "0"
        let scans = try await scanCount(oid, on: session)
        let locks = try await session.query(
            """
            SELECT mode FROM pg_catalog.pg_locks
            WHERE pid = pg_catalog.pg_backend_pid() AND locktype = 'relation' AND granted AND relation = $1::oid
            """,
            [oid]
        ).compactMap { $0[0].flatMap(LockMode.init(pgLocksMode:)) }
        let exclusive = try await session.query(
            """
            SELECT relation::text FROM pg_catalog.pg_locks
            WHERE pid = pg_catalog.pg_backend_pid() AND locktype = 'relation' AND granted AND mode = 'AccessExclusiveLock'
            """
        ).compactMap { $0[0] }
        let visible = try await observer.scalar("SELECT to_regclass($1) IS NOT NULL", ["public." + testCase.table]) == "t"
        let canWrite = visible ? try await canLock(testCase.table, "ROW EXCLUSIVE", from: observer) : true
        let canRead = visible ? try await canLock(testCase.table, "ACCESS SHARE", from: observer) : true
        try await session.execute("ROLLBACK")
        return ServerEffect(
            rewrote: before != nil && after != nil && before?.fileNode != after?.fileNode,
            scans: scans - scansAtStart,
            lastStatementScans: scans - scansBeforeLast,
            indexesBuilt: (after?.indexes ?? 0) - (before?.indexes ?? 0),
            locks: Set(locks),
            accessExclusiveOnExistingTable: exclusive.contains { existingTables.contains($0) },
            visibleToOthers: visible,
            othersCanWrite: canWrite,
            othersCanRead: canRead,
            error: nil
        )
    }

    /// Runs a migration that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`,
    /// `DROP INDEX CONCURRENTLY`) while another session keeps a transaction open that writes to
    /// the table; the statement then waits for that transaction, and the locks it holds on the
    /// table meanwhile are read from a third session. Also returns whether that third session
    /// could take ROW EXCLUSIVE (the lock of INSERT, UPDATE, DELETE) at that moment.
    static func locksWhileWaiting(_ testCase: GroundTruthCase) async throws -> (locks: Set<LockMode>, writesAllowed: Bool) {
        try await TestDatabase.withDatabase("lint_wait_\(testCase.name)") { database in
            try await withSessions(3, on: database) { sessions in
                try await locksWhileWaiting(testCase, runner: sessions[0], writer: sessions[1], observer: sessions[2])
            }
        }
    }

    private static func locksWhileWaiting(
        _ testCase: GroundTruthCase, runner: PostgresSession, writer: PostgresSession, observer: PostgresSession
    ) async throws -> (locks: Set<LockMode>, writesAllowed: Bool) {
        for file in testCase.setup {
            for statement in statements(of: file) { try await runner.execute(statement) }
        }
        let pid = try await runner.scalar("SELECT pg_catalog.pg_backend_pid()") ?? ""
        let oid = try await runner.scalar("SELECT $1::regclass::oid::text", ["public." + testCase.table]) ?? ""
        try await writer.execute("BEGIN")
        try await writer.execute("LOCK TABLE \(testCase.table) IN ROW EXCLUSIVE MODE")
        let migration = statements(of: testCase.migration)
        let running = Task {
            for statement in migration { try await runner.execute(statement) }
        }
        var locks: Set<LockMode> = []
        var writesAllowed = false
        do {
            try await waitUntilBlocked(pid: pid, observer: observer)
            locks = Set(try await observer.query(
                "SELECT mode FROM pg_catalog.pg_locks WHERE pid = $1::int AND locktype = 'relation' AND granted AND relation = $2::oid",
                [pid, oid]
            ).compactMap { $0[0].flatMap(LockMode.init(pgLocksMode:)) })
            writesAllowed = try await canLock(testCase.table, "ROW EXCLUSIVE", from: observer)
        } catch {
            try? await writer.execute("ROLLBACK")
            _ = try? await running.value
            throw error
        }
        try await writer.execute("ROLLBACK")
        try await running.value
        return (locks, writesAllowed)
    }

    /// Whether `session` can take `mode` on the table at once (`LOCK … NOWAIT`, rolled back).
    private static func canLock(_ table: String, _ mode: String, from session: PostgresSession) async throws -> Bool {
        try await session.execute("BEGIN")
        let granted: Bool
        do {
            try await session.execute("LOCK TABLE \(table) IN \(mode) MODE NOWAIT")
            granted = true
        } catch let error as DatabaseError where error.server?.sqlState == "55P03" {
            granted = false
        }
        try await session.execute("ROLLBACK")
        return granted
    }

    /// Waits (up to 30 s) until the backend `pid` waits for a lock.
    private static func waitUntilBlocked(pid: String, observer: PostgresSession) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while clock.now < deadline {
            let waiting = try await observer.scalar(
                "SELECT count(*) FROM pg_catalog.pg_locks WHERE pid = $1::int AND NOT granted", [pid]
            )
            if waiting != "0" { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw DatabaseError(.unexpectedResult, "backend \(pid) never waited for the writer's transaction")
    }

    /// The backend's count of sequential and index scans of a table (0 for none).
    private static func scanCount(_ oid: String?, on session: PostgresSession) async throws -> Int {
        guard let oid else { return 0 }
        let count = try await session.scalar(
            "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_catalog.pg_stat_xact_user_tables WHERE relid = $1::oid", [oid]
        )
        return Int(count ?? "0") ?? 0
    }

    private struct TableState {
        var oid: String
        var fileNode: String
        var indexes: Int
    }

    /// The table by name, or by the oid it had (when the migration renamed it); nil when neither exists.
    private static func tableState(_ table: String, oid: String? = nil, on session: PostgresSession) async throws -> TableState? {
        let row = try await session.query(
            """
            SELECT c.oid::text, pg_catalog.pg_relation_filenode(c.oid)::text,
                   (SELECT count(*) FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid)
            FROM pg_catalog.pg_class c WHERE c.oid = coalesce(to_regclass($1), $2::oid)
            """,
            ["public." + table, oid ?? "0"]
        ).first
        guard let row, let oid = row[0], let fileNode = row[1] else { return nil }
        return TableState(oid: oid, fileNode: fileNode, indexes: Int(row[2] ?? "0") ?? 0)
    }

    /// The statements of a migration file's up part, as `strata up` sends them.
    static func statements(of file: String) -> [String] {
        MigrationScript.parse(file).up.map(\.text)
    }
}
