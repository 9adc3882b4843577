import StrataPostgres
import StrataSQL
import StrataTesting
import Synchronization
import Testing

@Suite("PostgresSession on the test server")
struct PostgresSessionTests {
    @Test func executeAndQueryWithParametersAndNulls() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
            _ = try await session.query("INSERT INTO notes VALUES ($1::int, $2), ($3::int, $4)", ["1", "first", "2", nil])
            let rows = try await session.query("SELECT id, body FROM notes WHERE id >= $1::int ORDER BY id", ["1"])
            #expect(rows == [Row(["1", "first"]), Row(["2", nil])])
            let echoed = try await session.query("SELECT $1::text, $2::text, $3::text", ["a'b", nil, ""])
            #expect(echoed == [Row(["a'b", nil, ""])])
            #expect(try await session.scalar("SELECT count(*) FROM notes WHERE body IS NULL") == "1")
            #expect(try await session.scalar("SELECT body FROM notes WHERE id = 99") == nil)
        }
    }

    @Test func decodesIntegersBooleansAndOids() async throws {
        try await Support.withSession { session in
            let row = try #require(try await session.query(
                "SELECT 3::int2, 42::int4, 9007199254740993::int8, -7::int4, true, false, 'pg_class'::regclass::oid, NULL::int4, NULL::bool"
            ).first)
            #expect(row.values == ["3", "42", "9007199254740993", "-7", "t", "f", "1259", nil, nil])
            #expect(row[99] == nil)
        }
    }

    @Test func queryColumnsDecodesBinaryArraysLikeRows() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int, body text, at timestamptz, done bool)")
            _ = try await session.query("""
                INSERT INTO notes VALUES (1, 'a, "b"', '2024-01-02 03:04:05.123456+00', true),
                    (2, NULL, NULL, false), (3, E'back\\\\slash {x}', '1999-12-31 23:59:59+00', NULL)
                """)
            let rows = try await session.query("SELECT id, body, at, done FROM notes ORDER BY id")
            let columns = try await session.queryColumns(
                "SELECT array_agg(id ORDER BY id), array_agg(body ORDER BY id), array_agg(at ORDER BY id), array_agg(done ORDER BY id) FROM notes"
            )
            // The same text as row by row, column for column.
            #expect(columns.count == 4)
            for (index, column) in columns.enumerated() {
                #expect(column == rows.map { $0[index] })
            }
            #expect(columns[1] == ["a, \"b\"", nil, "back\\slash {x}"])
            #expect(columns[2].first == "2024-01-02T03:04:05.123456Z")
            // No rows: NULL arrays read as empty columns; no row at all: no columns.
            #expect(try await session.queryColumns("SELECT array_agg(id), array_agg(body) FROM notes WHERE false") == [[], []])
            #expect(try await session.queryColumns("SELECT ARRAY[1] WHERE false") == [])
            let error = await #expect(throws: DatabaseError.self) {
                try await session.queryColumns("SELECT ARRAY[[1, 2], [3, 4]]")
            }
            #expect(error?.message.contains("one-dimensional") == true)
        }
    }

    @Test func queryColumnsThroughTextArraysGivesTheSameElements() async throws {
        try await Support.withSession { session in
            // A session that only answers `query` gets queryColumns from the arrays' text form.
            struct TextOnly: DatabaseSession {
                let base: any DatabaseSession
                func execute(_ sql: String) async throws { try await base.execute(sql) }
                func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
                    try await base.query(sql, parameters)
                }
            }
            let values = "ARRAY['plain', 'a, \"b\"', NULL, 'NULL', ' padded ', E'back\\\\slash', '', '{x}']"
            let binary = try await session.queryColumns("SELECT \(values), ARRAY[1, -2, NULL]")
            let text = try await TextOnly(base: session).queryColumns("SELECT (\(values))::text, ARRAY[1, -2, NULL]::text")
            #expect(binary == [["plain", "a, \"b\"", nil, "NULL", " padded ", "back\\slash", "", "{x}"], ["1", "-2", nil]])
            #expect(text == binary)
        }
    }

    @Test func unsupportedBinaryTypeSaysToCast() async throws {
        try await Support.withSession { session in
            let error = await #expect(throws: DatabaseError.self) { try await session.query("SELECT 1.5::float8 AS ratio") }
            #expect(error?.code == .unexpectedResult)
            #expect(error?.hint?.contains("ratio::text") == true)
        }
    }

    @Test func serverErrorFieldsAreMapped() async throws {
        try await Support.withSession { session in

            let missing = await #expect(throws: DatabaseError.self) { try await session.execute("SELECT * FROM no_such_table") }
            #expect(missing?.code == .server)
            #expect(missing?.server?.sqlState == "42P01")
            #expect(missing?.server?.position == 15)
            #expect(missing?.statement == "SELECT * FROM no_such_table")

            let raised = await #expect(throws: DatabaseError.self) {
                try await session.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'the detail', HINT = 'try again', ERRCODE = '22023'; END $$"
                )
            }
            #expect(raised?.server?.sqlState == "22023")
            #expect(raised?.server?.message == "boom")
            #expect(raised?.server?.detail == "the detail")
            #expect(raised?.server?.hint == "try again")
            #expect(raised?.hint == "try again")

            try await session.execute("CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY)")
            try await session.execute("INSERT INTO t VALUES (1)")
            let duplicate = await #expect(throws: DatabaseError.self) { try await session.execute("INSERT INTO t VALUES (1)") }
            #expect(duplicate?.server?.sqlState == "23505")
            #expect(duplicate?.server?.detail == "Key (id)=(1) already exists.")
            #expect(duplicate?.server?.constraint == "t_pkey")
            #expect(duplicate?.server?.table == "t")

            let function = await #expect(throws: DatabaseError.self) { try await session.query("SELECT no_such_function(1)") }
            #expect(function?.server?.sqlState == "42883")
            #expect(function?.server?.hint != nil)

            // The session stays usable after errors.
            #expect(try await session.scalar("SELECT 1") == "1")
        }
    }

    @Test func queuedStatementsRunInOrderAndStopAtTheFirstFailure() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
            var waited: [Int] = []
            try await session.executeQueued([
                QueuedStatement("BEGIN"),
                QueuedStatement("INSERT INTO notes VALUES (1, $1)", ["first"]),
                QueuedStatement("UPDATE notes SET body = body || $1", ["+"]),
                QueuedStatement("COMMIT"),
            ]) { waited.append($0) }
            #expect(waited == [0, 1, 2, 3])
            #expect(try await session.query("SELECT id, body FROM notes") == [Row(["1", "first+"])])

            // Inside a transaction the statements behind a failure do not take effect, and
            // the COMMIT queued behind them rolls back.
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) {
                try await session.executeQueued([
                    QueuedStatement("BEGIN"),
                    QueuedStatement("INSERT INTO notes VALUES (2, 'second')"),
                    QueuedStatement("INSERT INTO notes VALUES (1, 'again')"),
                    QueuedStatement("INSERT INTO notes VALUES (3, 'third')"),
                    QueuedStatement("COMMIT"),
                ]) { _ in }
            })
            #expect(failure.index == 2)
            #expect((failure.error as? DatabaseError)?.server?.sqlState == "23505")
            #expect(try await session.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM notes") == "1")
            // The session is usable afterwards, outside any transaction.
            #expect(try await session.scalar("SELECT pg_current_xact_id_if_assigned()::text") == nil)
        }
    }

    /// Runs sent ahead queue behind the ones before them: a failure in the first makes
    /// the server refuse the second (25P02), and a ROLLBACK sent after both ends the
    /// transaction; a session that cannot queue sends nothing until a run is waited for.
    @Test func runsSentAheadQueueBehindTheRunBeforeThem() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY)")
            try await session.execute("BEGIN")
            let first = session.sendQueued([QueuedStatement("INSERT INTO notes VALUES (1)"), QueuedStatement("INSERT INTO notes VALUES (2)")])
            let second = session.sendQueued([QueuedStatement("INSERT INTO notes VALUES (3)")])
            var waited: [Int] = []
            try await first.wait { waited.append($0) }
            try await second.wait { waited.append($0 + 10) }
            #expect(waited == [0, 1, 10])
            #expect(try await session.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM notes") == "1,2,3")

            // The second run was on the wire before the first failed; the server refused it.
            let failing = session.sendQueued([QueuedStatement("INSERT INTO notes VALUES (1)")])
            let behind = session.sendQueued([QueuedStatement("INSERT INTO notes VALUES (4)")])
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) { try await failing.wait { _ in } })
            #expect((failure.error as? DatabaseError)?.server?.sqlState == "23505")
            let refused = try #require(await #expect(throws: QueuedStatementFailure.self) { try await behind.wait { _ in } })
            #expect((refused.error as? DatabaseError)?.server?.sqlState == "25P02")
            try await session.execute("ROLLBACK")
            #expect(try await session.scalar("SELECT count(*) FROM notes") == "0")

            // The default: nothing is sent before the wait, so a run never waited for never runs.
            struct Unqueued: DatabaseSession {
                let base: any DatabaseSession
                func execute(_ sql: String) async throws { try await base.execute(sql) }
                func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
                    try await base.query(sql, parameters)
                }
            }
            let plain = Unqueued(base: session)
            let waitedFor = plain.sendQueued([QueuedStatement("INSERT INTO notes VALUES (5)")])
            _ = plain.sendQueued([QueuedStatement("INSERT INTO notes VALUES (6)")])
            #expect(try await session.scalar("SELECT count(*) FROM notes") == "0")
            try await waitedFor.wait { _ in }
            #expect(try await session.scalar("SELECT string_agg(id::text, ',') FROM notes") == "5")
        }
    }

    /// `E'…'` reads the same whether `standard_conforming_strings` is on or off.
    @Test func escapeStringsReadTheSameUnderEitherStringSetting() async throws {
        try await Support.withSession { session in
            let values = [#"it's"#, #"C:\path\'x"#, "\\", "café ✓", "", "''"]
            for setting in ["on", "off"] {
                try await session.execute("SET standard_conforming_strings = \(setting)")
                for value in values {
                    #expect(try await session.scalar("SELECT \(SQLLiteral.escapeString(value))") == value, "\(setting): \(value)")
                }
            }
        }
    }

    @Test func cancelledStatementIsReportedAsCancelled() async throws {
        try await Support.withSession { session in
            try await session.execute("SET statement_timeout = '50ms'")
            let error = await #expect(throws: DatabaseError.self) { try await session.execute("SELECT pg_sleep(5)") }
            #expect(error?.code == .cancelled)
            #expect(error?.server?.sqlState == "57014")
        }
    }

    @Test func terminatedBackendIsConnectionLost() async throws {
        try await Support.withSession { session in
            let error = await #expect(throws: DatabaseError.self) {
                try await session.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            #expect(error?.code == .connectionLost)
        }
    }

    /// Once the server has ended the session, every later statement fails as a lost
    /// connection instead of waiting: PostgresNIO alone never answers a query written
    /// after its channel closed, so the ROLLBACK and DEALLOCATE that follow a failure
    /// would wait forever.
    @Test func statementsAfterTheServerEndedTheSessionFailInsteadOfWaiting() async throws {
        try await Support.withSession { session in
            _ = await #expect(throws: DatabaseError.self) {
                try await session.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            for statement in ["ROLLBACK", "DEALLOCATE ALL"] {
                let error = await Self.failure(of: statement) { try await session.execute(statement) }
                #expect(error?.code == .connectionLost, "\(statement): \(String(describing: error))")
                #expect(error?.statement == statement)
            }
            let queued = await Self.failure(of: "two queued statements") {
                try await session.executeQueued([QueuedStatement("SELECT 1"), QueuedStatement("COMMIT")]) { _ in }
            }
            #expect(queued?.code == .connectionLost)
            #expect(queued?.statement == "SELECT 1")
            _ = await Self.failure(of: "a query") { _ = try await session.query("SELECT 1") }
        }
    }

    /// A session the server ended for idling in a transaction is a lost connection too.
    @Test func anIdleInTransactionTimeoutIsConnectionLost() async throws {
        try await Support.withSession { session in
            try await session.execute("SET idle_in_transaction_session_timeout = '100ms'")
            try await session.execute("BEGIN")
            try await Task.sleep(for: .milliseconds(600))
            let error = await Self.failure(of: "a statement after the timeout") { try await session.execute("SELECT 1") }
            #expect(error?.code == .connectionLost, "\(String(describing: error))")
        }
    }

    /// The engine's case: another session ends this one in the middle of a statement, and
    /// the engine sends ROLLBACK at once.
    @Test func aRollbackRightAfterTheSessionWasEndedMidStatementFails() async throws {
        try await TestDatabase.withDatabase { database in
            let session = try await database.session()
            let admin = try await database.session()
            let pid = try #require(try await session.scalar("SELECT pg_backend_pid()"))
            let running = Task { await Self.failure(of: "pg_sleep") { try await session.execute("SELECT pg_sleep(30)") } }
            try await Support.waitUntilRunning(pid, "pg_sleep", seenBy: admin)
            _ = try await admin.query("SELECT pg_terminate_backend($1::int)", [pid])
            let ended = await running.value
            #expect(ended?.code == .connectionLost)
            let rollback = await Self.failure(of: "ROLLBACK") { try await session.execute("ROLLBACK") }
            #expect(rollback?.code == .connectionLost)
            await session.close()
            await admin.close()
        }
    }

    /// The ``DatabaseError`` that `body` throws; records an issue when it succeeds, throws
    /// something else, or is still waiting after a minute (it would wait forever, and the
    /// test moves on without it).
    private static func failure(
        of what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping @Sendable () async throws -> Void
    ) async -> DatabaseError? {
        let outcome: Result<Void, any Error>? = await withCheckedContinuation { continuation in
            let once = Mutex<CheckedContinuation<Result<Void, any Error>?, Never>?>(continuation)
            let finish: @Sendable (Result<Void, any Error>?) -> Void = { result in once.withLock { $0.take() }?.resume(returning: result) }
            Task {
                do { try await body(); finish(.success(())) } catch { finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: .seconds(60))
                finish(nil)
            }
        }
        switch outcome {
        case nil:
            Issue.record("\(what) still waited after a minute instead of failing", sourceLocation: sourceLocation)
            return nil
        case .success:
            Issue.record("\(what) succeeded on a session the server had ended", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            if let error = error as? QueuedStatementFailure { return error.error as? DatabaseError }
            guard let error = error as? DatabaseError else {
                Issue.record("\(what) threw \(error), not a DatabaseError", sourceLocation: sourceLocation)
                return nil
            }
            return error
        }
    }
}
