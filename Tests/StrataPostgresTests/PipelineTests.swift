import PostgresNIO
import StrataPostgres
import StrataTesting
import Testing

/// Queued statements on a connection Strata opened go to the server as one pipeline
/// (PipelineHandler); PostgresNIO's own queries share the connection with it.
@Suite("Pipelined runs on the test server")
struct PipelineTests {
    /// A query handed over while a run is pending is answered after the run, and sees
    /// everything the run did; one handed over after it failed sees the aborted transaction.
    @Test func queriesWaitForTheRunsHandedOverBeforeThem() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY, note text)")
            try await session.execute("BEGIN")
            let run = session.sendQueued([
                QueuedStatement("INSERT INTO notes VALUES (1, 'a')"),
                QueuedStatement("SELECT pg_sleep(0.2)"),
                QueuedStatement("INSERT INTO notes VALUES (2, 'b')"),
            ])
            #expect(try await session.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM notes") == "1,2")
            try await run.wait { _ in }

            let failing = session.sendQueued([QueuedStatement("INSERT INTO notes VALUES (1, 'again')")])
            let after = await #expect(throws: DatabaseError.self) { try await session.execute("SELECT 1") }
            #expect(after?.server?.sqlState == "25P02")
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) { try await failing.wait { _ in } })
            #expect((failure.error as? DatabaseError)?.server?.sqlState == "23505")
            try await session.execute("ROLLBACK")
            #expect(try await session.scalar("SELECT count(*) FROM notes") == "0")
        }
    }

    /// A query sent on the driver's connection directly, not through the session, while a
    /// run is pending goes out after the run is answered.
    @Test func aQueryOnTheConnectionItselfWaitsForThePendingRun() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int)")
            try await session.execute("BEGIN")
            let run = session.sendQueued([
                QueuedStatement("INSERT INTO notes VALUES (1)"), QueuedStatement("SELECT pg_sleep(0.2)"),
                QueuedStatement("INSERT INTO notes VALUES (2)"),
            ])
            let result = try await session.connection.query(PostgresQuery(unsafeSQL: "SELECT count(*)::text FROM notes"), logger: .strataQuiet).get()
            #expect(try result.rows.first?.decode(String.self) == "2")
            try await run.wait { _ in }
            try await session.execute("ROLLBACK")
        }
    }

    /// The failed statement's error carries the server's fields and the statement, and
    /// nothing of the run stays after the rollback.
    @Test func aFailureNamesItsStatementWithTheServersFields() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY)")
            try await session.execute("BEGIN")
            let statements = [
                QueuedStatement("INSERT INTO notes VALUES (1)"),
                QueuedStatement("INSERT INTO notes VALUES (1)"),
                QueuedStatement("INSERT INTO notes VALUES (3)"),
            ]
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) {
                try await session.executeQueued(statements) { _ in }
            })
            #expect(failure.index == 1)
            let error = try #require(failure.error as? DatabaseError)
            #expect(error.server?.sqlState == "23505")
            #expect(error.server?.constraint == "notes_pkey")
            #expect(error.server?.table == "notes")
            #expect(error.server?.detail == "Key (id)=(1) already exists.")
            #expect(error.statement == "INSERT INTO notes VALUES (1)")
            try await session.execute("ROLLBACK")
            #expect(try await session.scalar("SELECT count(*) FROM notes") == "0")

            // A syntax error's position points into its own statement.
            try await session.execute("BEGIN")
            let syntax = try #require(await #expect(throws: QueuedStatementFailure.self) {
                try await session.executeQueued([QueuedStatement("SELECT 1"), QueuedStatement("SELEC 2")]) { _ in }
            })
            #expect(syntax.index == 1)
            #expect((syntax.error as? DatabaseError)?.server?.sqlState == "42601")
            #expect((syntax.error as? DatabaseError)?.server?.position == 1)
            try await session.execute("ROLLBACK")
        }
    }

    /// Notices, parameter changes, rows, COPY TO STDOUT and parameters inside a run leave
    /// the connection working, and a change of setting reaches PostgresNIO's queries.
    @Test func noticesSettingsRowsAndParametersInARun() async throws {
        try await Support.withSession { session in
            try await session.execute("CREATE TABLE notes (id int PRIMARY KEY, note text)")
            try await session.execute("BEGIN")
            try await session.executeQueued([
                QueuedStatement("DO $$ BEGIN RAISE NOTICE 'a notice'; RAISE WARNING 'a warning'; END $$"),
                QueuedStatement("SET application_name = 'piped'"),
                QueuedStatement("SELECT g, repeat('x', 100) FROM generate_series(1, 5000) AS g"),
                QueuedStatement("COPY (SELECT generate_series(1, 100)) TO STDOUT"),
                QueuedStatement("INSERT INTO notes VALUES ($1::int, $2), (2, $3)", ["1", nil, "café ✓"]),
                QueuedStatement(""),
            ]) { _ in }
            try await session.execute("COMMIT")
            #expect(try await session.scalar("SHOW application_name") == "piped")
            let rows = try await session.query("SELECT id::text, note FROM notes ORDER BY id")
            #expect(rows.map { $0[0] } == ["1", "2"])
            #expect(rows.map { $0[1] } == [nil, "café ✓"])
        }
    }

    /// A run whose session another ends mid-statement fails as a lost connection, and
    /// what is handed over afterwards fails at once instead of waiting.
    @Test func aRunOnASessionEndedMidStatementIsConnectionLost() async throws {
        try await TestDatabase.withDatabase { database in
            let session = try await database.session()
            let admin = try await database.session()
            let pid = try #require(try await session.scalar("SELECT pg_backend_pid()"))
            try await session.execute("BEGIN")
            let run = session.sendQueued([QueuedStatement("SELECT 1"), QueuedStatement("SELECT pg_sleep(30)"), QueuedStatement("SELECT 3")])
            try await Support.waitUntilRunning(pid, "pg_sleep", seenBy: admin)
            _ = try await admin.query("SELECT pg_terminate_backend($1::int)", [pid])
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) { try await run.wait { _ in } })
            #expect(failure.index == 1)
            #expect((failure.error as? DatabaseError)?.code == .connectionLost)
            #expect((failure.error as? DatabaseError)?.statement == "SELECT pg_sleep(30)")
            let later = try #require(await #expect(throws: QueuedStatementFailure.self) {
                try await session.executeQueued([QueuedStatement("SELECT 4")]) { _ in }
            })
            #expect((later.error as? DatabaseError)?.code == .connectionLost)
            let rollback = await #expect(throws: DatabaseError.self) { try await session.execute("ROLLBACK") }
            #expect(rollback?.code == .connectionLost)
            await session.close()
            await admin.close()
        }
    }

    /// A cancel reaches a run's statement, and the run's later statements do not run.
    @Test func aCancelledStatementStopsItsRun() async throws {
        try await TestDatabase.withDatabase { database in
            let session = try await database.session()
            let admin = try await database.session()
            let pid = try #require(try await session.scalar("SELECT pg_backend_pid()"))
            try await session.execute("CREATE TABLE notes (id int)")
            try await session.execute("BEGIN")
            let run = session.sendQueued([
                QueuedStatement("INSERT INTO notes VALUES (1)"), QueuedStatement("SELECT pg_sleep(30)"), QueuedStatement("INSERT INTO notes VALUES (3)"),
            ])
            try await Support.waitUntilRunning(pid, "pg_sleep", seenBy: admin)
            _ = try await admin.query("SELECT pg_cancel_backend($1::int)", [pid])
            let failure = try #require(await #expect(throws: QueuedStatementFailure.self) { try await run.wait { _ in } })
            #expect(failure.index == 1)
            #expect((failure.error as? DatabaseError)?.code == .cancelled)
            try await session.execute("ROLLBACK")
            #expect(try await session.scalar("SELECT count(*) FROM notes") == "0")
            await session.close()
            await admin.close()
        }
    }
}
