import Foundation
import StrataPostgres
import Testing
@testable import StrataMigrate

/// Transaction boundaries, lock pairing and failure accounting, against a recording
/// fake session (the same behaviours are tested against a real server elsewhere).
@Suite struct EngineTransactionTests {
    static func file(_ version: String, _ body: String, noTransaction: Bool = false) -> Migration {
        let text = (noTransaction ? "-- strata:no-transaction\n" : "") + "-- strata:up\n" + body + "\n-- strata:down\nDROP TABLE t" + version + ";\n"
        return Migration(
            version: MigrationVersion(version)!, name: "m\(version)", path: "migrations/\(version)_m\(version).sql",
            text: text, checksum: Checksum.of(Array(text.utf8))
        )
    }

    @Test func batchModeUsesOneTransactionAndReleasesTheLock() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [Self.file("1", "CREATE TABLE a ();"), Self.file("2", "CREATE TABLE b ();")])
        let report = try await migrator.up(on: session)
        #expect(report.migrations.map(\.outcome) == [.applied, .applied])
        #expect(session.statements == ["BEGIN", "CREATE TABLE a ()", "CREATE TABLE b ()", "INSERT", "COMMIT", "ROLLBACK"])
        #expect(session.log.filter { $0.contains("pg_try_advisory_lock") }.count == 1)
        #expect(session.log.filter { $0.contains("pg_advisory_unlock") }.count == 1)
    }

    @Test func eachModeCommitsEveryMigration() async throws {
        let session = RecordingSession()
        let migrator = Migrator(
            migrations: [Self.file("1", "CREATE TABLE a ();"), Self.file("2", "CREATE TABLE b ();")],
            configuration: MigratorConfiguration(transactionMode: .each)
        )
        _ = try await migrator.up(on: session)
        // Ends with the durability barrier: a synchronous commit after the settings are restored.
        // Each commit but the last starts the next transaction (COMMIT AND CHAIN).
        #expect(session.statements == ["BEGIN", "CREATE TABLE a ()", "INSERT", "COMMIT AND CHAIN", "CREATE TABLE b ()", "INSERT", "COMMIT", "ROLLBACK", "BEGIN", "COMMIT"])
        #expect(session.log.contains { $0.contains("synchronous_commit") })
    }

    @Test func eachModeChainsOnlyWhatANewTransactionWouldStartTheSame() async throws {
        let session = RecordingSession()
        let migrator = Migrator(
            migrations: [
                Self.file("1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; CREATE TABLE a ();"),
                Self.file("2", "CREATE TABLE b ();"),
                Self.file("3", "SET LOCAL transaction_read_only = off; CREATE TABLE c ();"),
                Self.file("4", "CREATE TABLE d ();"),
                Self.file("5", "CREATE INDEX CONCURRENTLY d_x ON d (x);", noTransaction: true),
                Self.file("6", "CREATE TABLE f ();"),
            ],
            configuration: MigratorConfiguration(transactionMode: .each)
        )
        _ = try await migrator.up(on: session)
        #expect(session.statements == [
            // From three transactional migrations on, each row goes through one prepared statement.
            "BEGIN", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "CREATE TABLE a ()", "PREPARE record", "RECORD", "COMMIT",
            "BEGIN", "CREATE TABLE b ()", "RECORD", "COMMIT AND CHAIN",
            "SET LOCAL transaction_read_only = off", "CREATE TABLE c ()", "RECORD", "COMMIT",
            "BEGIN", "CREATE TABLE d ()", "RECORD", "COMMIT",
            "CREATE INDEX CONCURRENTLY d_x ON d (x)", "INSERT",
            "BEGIN", "CREATE TABLE f ()", "RECORD", "COMMIT", "DEALLOCATE record", "ROLLBACK", "BEGIN", "COMMIT",
        ])
    }

    @Test func transactionCharacteristicNamesAreFoundInAnyCaseAnywhere() {
        #expect(MigrationSteps.namesTransactionCharacteristics("SELECT set_config('Transaction_Isolation', 'serializable', true)"))
        #expect(MigrationSteps.namesTransactionCharacteristics("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"))
        #expect(MigrationSteps.namesTransactionCharacteristics("set local TRANSACTION_DEFERRABLE = on"))
        #expect(MigrationSteps.namesTransactionCharacteristics("x transaction_read_only"))
        // Near misses: an underscore is not a letter to fold, and a name cut short is no name.
        #expect(!MigrationSteps.namesTransactionCharacteristics("SELECT 'transaction' || 'isolation'"))
        #expect(!MigrationSteps.namesTransactionCharacteristics("COMMENT ON TABLE t IS 'characteristic'"))
        #expect(!MigrationSteps.namesTransactionCharacteristics("transaction_isolatio"))
        #expect(!MigrationSteps.namesTransactionCharacteristics(""))
    }

    @Test func noTransactionMigrationEndsTheBatchTransactionAndRunsAlone() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [
            Self.file("1", "CREATE TABLE a (x int);"),
            Self.file("2", "CREATE INDEX CONCURRENTLY a_x ON a (x);", noTransaction: true),
            Self.file("3", "CREATE TABLE c ();"),
        ])
        _ = try await migrator.up(on: session)
        #expect(session.statements == [
            "BEGIN", "CREATE TABLE a (x int)", "INSERT", "COMMIT",
            "CREATE INDEX CONCURRENTLY a_x ON a (x)", "INSERT",
            "BEGIN", "CREATE TABLE c ()", "INSERT", "COMMIT", "ROLLBACK",
        ])
    }

    @Test func aFileThatTurnsStandardConformingStringsOffGetsItBackOnBeforeTheNext() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [
            Self.file("1", #"SET standard_conforming_strings = off; UPDATE t SET v = 'it\'s';"#),
            Self.file("2", #"UPDATE t SET v = 'C:\';"#),
        ])
        _ = try await migrator.up(on: session)
        #expect(session.statements == [
            "BEGIN", "SET standard_conforming_strings = off", #"UPDATE t SET v = 'it\'s'"#, "SET standard_conforming_strings = on",
            #"UPDATE t SET v = 'C:\'"#, "INSERT", "COMMIT", "ROLLBACK",
        ])
    }

    @Test func failureRollsBackReportsPositionAndUnlocks() async throws {
        let server = ServerError(sqlState: "42601", message: "syntax error at or near \"TABL\"", position: 8)
        let session = RecordingSession(failOn: ("CREATE TABL b", DatabaseError(.server, server.message, server: server)))
        let migrator = Migrator(migrations: [
            Self.file("1", "CREATE TABLE a ();"),
            Self.file("2", "SELECT 1;\n  CREATE TABL b ();"),
            Self.file("3", "CREATE TABLE c ();"),
        ])
        let error = try await #require(throws: MigrationError.self) { try await migrator.up(on: session) }
        #expect(error.code == .statementFailed)
        let failure = try #require(error.failure)
        #expect(failure.file == "migrations/2_m2.sql")
        #expect(failure.line == 3)    // line 1 is the directive, line 2 SELECT 1;
        #expect(failure.column == 10) // two spaces of indent, then "CREATE T" is 8 characters
        #expect(failure.sqlState == "42601")
        #expect(failure.databaseState.contains("Rolled back: 1, 2"))
        #expect(failure.databaseState.contains("Not run: 3"))
        #expect(error.report?.migrations.map(\.outcome) == [.rolledBack, .failed])
        #expect(session.statements.contains("ROLLBACK"))
        #expect(!session.statements.contains("COMMIT"))
        #expect(session.log.filter { $0.contains("pg_advisory_unlock") }.count == 1)
    }

    @Test func validationProblemsRunNothingButStillUnlock() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [Self.file("1", "CREATE TABLE a ();"), Self.file("2", "\\i other.sql")])
        let error = try await #require(throws: MigrationError.self) { try await migrator.up(on: session) }
        #expect(error.code == .validation)
        #expect(error.problems.map(\.code.rawValue) == ["meta-command"])
        #expect(error.problems.first?.file == "migrations/2_m2.sql")
        #expect(error.problems.first?.line == 2)
        #expect(!session.statements.contains("BEGIN"))
        #expect(session.log.filter { $0.contains("pg_advisory_unlock") }.count == 1)
    }

    /// A transaction's statements are queued on the connection together, so an interrupt
    /// during them is seen when they are done, and rolls the migration back.
    @Test func interruptionDuringATransactionsStatementsRollsBack() async throws {
        let flag = InterruptFlag()
        let session = RecordingSession()
        session.onExecute { sql in if sql.contains("CREATE TABLE a") { flag.raise() } }
        let migrator = Migrator(migrations: [Self.file("1", "CREATE TABLE a ();\nCREATE TABLE b ();"), Self.file("2", "CREATE TABLE c ();")])
        let error = try await #require(throws: MigrationError.self) {
            try await migrator.up(on: session, interruption: flag)
        }
        #expect(error.code == .interrupted)
        #expect(session.statements == ["BEGIN", "CREATE TABLE a ()", "CREATE TABLE b ()", "ROLLBACK", "ROLLBACK"])
        #expect(error.report?.migrations.map(\.outcome) == [.failed])
        #expect(error.failure?.databaseState.contains("Not run: 2") == true)
        #expect(session.log.filter { $0.contains("pg_advisory_unlock") }.count == 1)
    }

    /// Outside a transaction every statement takes effect on its own, so the run stops
    /// between two of them.
    @Test func interruptionBetweenStatementsOutsideATransactionStopsBeforeTheNext() async throws {
        let flag = InterruptFlag()
        let session = RecordingSession()
        session.onExecute { sql in if sql.contains("a_x") { flag.raise() } }
        let migrator = Migrator(migrations: [Self.file(
            "1", "CREATE INDEX CONCURRENTLY a_x ON a (x);\nCREATE INDEX CONCURRENTLY b_x ON b (x);", noTransaction: true
        )])
        let error = try await #require(throws: MigrationError.self) {
            try await migrator.up(on: session, interruption: flag)
        }
        #expect(error.code == .interrupted)
        #expect(session.statements.contains("CREATE INDEX CONCURRENTLY a_x ON a (x)"))
        #expect(!session.statements.contains { $0.contains("b_x") })
        #expect(error.failure?.databaseState.contains("1 of 2 statements took effect") == true)
    }

    /// In `each` mode the rows go through one prepared statement; after a migration that
    /// may have deallocated it, the next commit prepares another under a new name, and the
    /// end of the run asks which remain before deallocating them.
    @Test func eachModePreparesTheRecordAgainAfterAMigrationThatMayDeallocate() async throws {
        let migrations = [
            Self.file("1", "CREATE TABLE a ();"),
            Self.file("2", "CREATE TABLE b ();\nDEALLOCATE ALL;"),
            Self.file("3", "CREATE TABLE c ();"),
            Self.file("4", "CREATE TABLE d ();"),
        ]
        let session = RecordingSession()
        let migrator = Migrator(migrations: migrations, configuration: MigratorConfiguration(transactionMode: .each))
        _ = try await migrator.up(on: session)
        #expect(session.statements.prefix(13) == [
            "BEGIN", "CREATE TABLE a ()", "PREPARE record", "RECORD", "COMMIT AND CHAIN",
            "CREATE TABLE b ()", "DEALLOCATE ALL", "PREPARE record", "RECORD", "COMMIT AND CHAIN",
            "CREATE TABLE c ()", "RECORD", "COMMIT AND CHAIN",
        ])
        let names = session.preparedNames
        #expect(names.count == 2)
        #expect(names.first?.hasSuffix("_1") == true && names.last?.hasSuffix("_2") == true)
        #expect(session.log.contains { $0.hasPrefix("SELECT name FROM pg_prepared_statements") })
        // Every row as a plain insert would have written it.
        let history = try await HistoryTable(schema: "public").load(on: session)
        #expect(history.map(\.version.text) == ["1", "2", "3", "4"])
        #expect(history.map(\.name) == ["m1", "m2", "m3", "m4"])
        #expect(history.map(\.checksum) == migrations.map(\.checksum))
    }

    @Test func deallocatingStatementsAreFoundInAnyCaseAnywhere() throws {
        func mayDeallocate(_ body: String) throws -> Bool {
            try Self.file("1", body).steps(.up).get().mayDeallocatePreparedStatements
        }
        #expect(try mayDeallocate("CREATE TABLE a ();\nDeallocate all;"))
        #expect(try mayDeallocate("DO $$ BEGIN EXECUTE 'DISCARD PLANS'; END $$;"))
        #expect(try !mayDeallocate("CREATE TABLE allocations ();"))
        #expect(MigrationSteps.mentions("deallocate all", anyOf: [Array("deallocate".utf8)]))
        #expect(MigrationSteps.mentions("DO $$ BEGIN EXECUTE 'Discard plans'; END $$", anyOf: [Array("discard".utf8)]))
        #expect(!MigrationSteps.mentions("dealloc", anyOf: [Array("deallocate".utf8)]))
        #expect(!MigrationSteps.mentions("", anyOf: [Array("discard".utf8)]))
    }

    @Test func noTransactionFailureMidwayIsRecordedAsFailed() async throws {
        let server = ServerError(sqlState: "42P07", message: "relation \"b\" already exists")
        let session = RecordingSession(failOn: ("CREATE INDEX CONCURRENTLY b_x", DatabaseError(.server, server.message, server: server)))
        let migrator = Migrator(migrations: [Self.file(
            "1", "CREATE INDEX CONCURRENTLY a_x ON a (x);\nCREATE INDEX CONCURRENTLY b_x ON b (x);", noTransaction: true
        )])
        let error = try await #require(throws: MigrationError.self) { try await migrator.up(on: session) }
        #expect(error.code == .statementFailed)
        #expect(error.failure?.databaseState.contains("1 of 2 statements took effect") == true)
        let status = try await migrator.status(on: session)
        #expect(status.entries.map(\.state) == [.failed])
        // A failed migration blocks the next run until `mark` repairs it.
        let blocked = try await #require(throws: MigrationError.self) { try await migrator.up(on: session) }
        #expect(blocked.code == .validation)
        #expect(blocked.problems.map(\.code) == [.failed])
    }

    @Test func commitFailureIsReportedAgainstTheTransaction() async throws {
        let server = ServerError(sqlState: "23503", message: "insert or update violates foreign key constraint")
        let session = RecordingSession(failOn: ("COMMIT", DatabaseError(.server, server.message, server: server)))
        let migrator = Migrator(migrations: [Self.file("1", "CREATE TABLE a ();")])
        let error = try await #require(throws: MigrationError.self) { try await migrator.up(on: session) }
        #expect(error.code == .statementFailed)
        #expect(error.failure?.statement == "COMMIT")
        #expect(error.failure?.databaseState.contains("did not take effect") == true)
        #expect(error.report?.migrations.map(\.outcome) == [.rolledBack])
    }

    @Test func downRevertsNewestFirstAndDeletesHistory() async throws {
        let migrations = [Self.file("1", "CREATE TABLE a ();"), Self.file("2", "CREATE TABLE b ();")]
        let history = migrations.map {
            AppliedMigration(version: $0.version, name: $0.name, checksum: $0.checksum, batch: 1, appliedAt: "", executionMs: 1, appliedBy: "t", state: .applied)
        }
        let session = RecordingSession(history: history)
        let report = try await Migrator(migrations: migrations).down(on: session)
        #expect(report.migrations.map(\.version.text) == ["2", "1"])
        #expect(session.statements == ["BEGIN", "DROP TABLE t2", "DROP TABLE t1", "DELETE", "COMMIT", "ROLLBACK"])
    }
}
