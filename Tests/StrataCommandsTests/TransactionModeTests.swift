import Foundation
import StrataTesting
import Testing

/// Batch mode is all or nothing; each mode keeps what committed before a failure
/// (DESIGN §7; README "strata up").
@Suite("transaction modes")
struct TransactionModeTests {
    /// Five migrations; the third fails at run time (not at parse time).
    static let fiveWithThirdFailing: [String: String] = [
        "0001_first.sql": "-- strata:up\nCREATE TABLE first (id int);\nINSERT INTO first VALUES (1);\n-- strata:down\nDROP TABLE first;\n",
        "0002_second.sql": "-- strata:up\nCREATE TABLE second (id int);\n-- strata:down\nDROP TABLE second;\n",
        "0003_third.sql": "-- strata:up\nCREATE TABLE third (id int);\nINSERT INTO third VALUES ('not a number');\n-- strata:down\nDROP TABLE third;\n",
        "0004_fourth.sql": "-- strata:up\nCREATE TABLE fourth (id int);\n-- strata:down\nDROP TABLE fourth;\n",
        "0005_fifth.sql": "-- strata:up\nCREATE TABLE fifth (id int);\n-- strata:down\nDROP TABLE fifth;\n",
    ]

    @Test(arguments: Format.allCases)
    func batchModeLeavesNoTraceWhenTheThirdOfFiveFails(format: Format) async throws {
        try await withProject({ try Project.make(migrations: Self.fiveWithThirdFailing, databaseURL: $0) }) { project, database in
            let result = await project.run(["up"] + format.flags)
            expectStatus(result, 1)
            expectContains(result.stderr, "migrations/0003_third.sql:3:")
            expectContains(result.stderr, "22P02")
            expectContains(result.stderr, "Rolled back: 0001, 0002, 0003")
            expectContains(result.stderr, "Nothing from this run stays applied")
            expectContains(result.stderr, "Not run: 0004, 0005")
            if format == .json {
                let document = try requireJSON(result)
                #expect(document["error"]["exit_code"].int == 1, "\(document)")
                #expect(document["error"]["failure"]["database_state"].string?.contains("Nothing from this run stays applied") == true, "\(document)")
                #expect(document["report"]["migrations"].array?.map { $0["outcome"].string } == ["rolled-back", "rolled-back", "failed"], "\(document)")
            }
            #expect(try await database.userTables() == [])
            #expect(try await database.history() == [])
        }
    }

    /// Each mode starts the next migration's transaction with the previous COMMIT, but a
    /// migration that sets its own isolation level does not pass it on.
    @Test func eachModeStartsEveryMigrationAtTheDefaultIsolation() async throws {
        let migrations = [
            "0001_serializable.sql": "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE first AS SELECT current_setting('transaction_isolation') AS level;\n",
            "0002_second.sql": "CREATE TABLE second AS SELECT current_setting('transaction_isolation') AS level, txid_current() AS xid;\n",
            "0003_third.sql": "CREATE TABLE third AS SELECT current_setting('transaction_isolation') AS level, txid_current() AS xid;\n",
        ]
        try await withProject({ try Project.make(migrations: migrations, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--transaction", "each"]), 0)
            let levels = try await database.rows("SELECT (SELECT level FROM first), (SELECT level FROM second), (SELECT level FROM third)")
            #expect(levels.first?.values == ["serializable", "read committed", "read committed"])
            // Two transactions, one after the other.
            #expect(try await database.value("SELECT (SELECT xid FROM third) > (SELECT xid FROM second)") == "t")
            #expect(try await database.appliedVersions() == ["0001", "0002", "0003"])
        }
    }

    enum EachModeSource: String, CaseIterable, Sendable {
        case flag, configuration
    }

    @Test(arguments: EachModeSource.allCases)
    func eachModeKeepsTheMigrationsBeforeTheFailure(source: EachModeSource) async throws {
        let config = source == .configuration ? "transaction: each\n" : "environments:\n  dev: {}\n"
        try await withProject({ try Project.make(config: config, migrations: Self.fiveWithThirdFailing, databaseURL: $0) }) { project, database in
            let result = await project.run(["up"] + (source == .flag ? ["--transaction", "each"] : []))
            expectStatus(result, 1)
            expectContains(result.stderr, "migrations/0003_third.sql:3:")
            expectContains(result.stderr, "Committed and kept applied: 0001, 0002")
            expectContains(result.stderr, "Not run: 0004, 0005")
            let history = try await database.history()
            #expect(history.map(\.version) == ["0001", "0002"])
            #expect(history.map(\.batch) == [1, 1])
            #expect(history.allSatisfy { $0.state == "applied" }, "\(history)")
            #expect(try await database.userTables() == ["first", "second"])

            // Fixing the file lets the rest apply in the next batch.
            try project.writeMigration("0003_third.sql", "-- strata:up\nCREATE TABLE third (id int);\n-- strata:down\nDROP TABLE third;\n")
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.history().map(\.batch) == [1, 1, 2, 2, 2])
        }
    }

    /// Failures in each mode after a migration's statements ran: its history row, or its
    /// COMMIT. Either rolls that migration back, keeps the ones committed before it, and
    /// says which it was.
    enum LateFailure: String, CaseIterable, Sendable {
        /// Each mode records a pending migration with a plain INSERT (a pending migration
        /// has no row); a row that appears anyway, here written by the migration itself,
        /// fails the history write.
        case historyRowAppeared
        /// A deferred foreign key fails the COMMIT.
        case deferredKeyAtCommit

        var third: String {
            switch self {
            case .historyRowAppeared:
                "CREATE TABLE third (id int);\nINSERT INTO strata_migrations (version, name, checksum, batch) VALUES ('0003', 'by hand', 'x', 9);\n"
            case .deferredKeyAtCommit:
                "CREATE TABLE third (id int PRIMARY KEY);\nCREATE TABLE child (third_id int REFERENCES third DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO child VALUES (1);\n"
            }
        }

        var sqlState: String { self == .historyRowAppeared ? "23505" : "23503" }
        var failedStatement: String { self == .historyRowAppeared ? "(writing the history rows) failed" : "COMMIT AND CHAIN failed" }
    }

    @Test(arguments: LateFailure.allCases)
    func eachModeRollsBackAMigrationWhoseRowOrCommitFails(failure: LateFailure) async throws {
        let migrations = [
            "0001_first.sql": "CREATE TABLE first (id int);\n",
            "0002_second.sql": "CREATE TABLE second (id int);\n",
            "0003_third.sql": failure.third,
            "0004_fourth.sql": "CREATE TABLE fourth (id int);\n",
        ]
        try await withProject({ try Project.make(migrations: migrations, databaseURL: $0) }) { project, database in
            let result = await project.run(["up", "--transaction", "each"])
            expectStatus(result, 1)
            expectContains(result.stderr, failure.sqlState)
            expectContains(result.stderr, failure.failedStatement)
            expectContains(result.stderr, "0003 did not take effect")
            expectContains(result.stderr, "Committed earlier: 0001, 0002")
            expectContains(result.stderr, "Not run: 0004")
            #expect(try await database.appliedVersions() == ["0001", "0002"])
            #expect(try await database.userTables() == ["first", "second"])
            // The lock went with the session: the fixed file applies at once.
            try project.writeMigration("0003_third.sql", "CREATE TABLE third (id int);\n")
            expectStatus(await project.run(["up", "--transaction", "each"]), 0)
            #expect(try await database.appliedVersions() == ["0001", "0002", "0003", "0004"])
        }
    }

    /// The history's execution times cover the migrations' statements in both modes. In
    /// each mode a migration is timed from before its first statement is sent. In batch
    /// mode the slow migration is sent ahead while the first runs, and is timed from when
    /// the engine saw the first finish, so the run's times add up without a gap: their sum
    /// is at least the sleep (less a millisecond per migration after the first, which
    /// truncating to whole milliseconds can lose).
    @Test(arguments: ["batch", "each"])
    func theHistoryRecordsHowLongAMigrationRan(mode: String) async throws {
        let migrations = [
            "0001_first.sql": "CREATE TABLE first (id int);\n",
            "0002_slow.sql": "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.3);\n",
            "0003_third.sql": "CREATE TABLE third (id int);\n",
        ]
        try await withProject({ try Project.make(migrations: migrations, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--transaction", mode]), 0)
            let history = try await database.history()
            let times = history.map(\.executionMs)
            #expect(history.map(\.version) == ["0001", "0002", "0003"])
            #expect(times.allSatisfy { $0 >= 0 }, "\(times)")
            if mode == "each" {
                #expect(times[1] >= 300, "\(times)")
            } else {
                #expect(times.reduce(0, +) >= 300 - (times.count - 1), "\(times)")
            }
        }
    }
}
