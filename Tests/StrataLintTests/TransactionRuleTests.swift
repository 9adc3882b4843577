import StrataLint
import Testing

/// lock-timeout-missing, enum-value-same-transaction, unbatched-update: rules that depend on how
/// the files run (transactions, session settings, batches).
@Suite struct TransactionRuleTests {
    static let table = "CREATE TABLE t (id int, note text);"
    static let noLockTimeout = configuration(lockTimeout: false)

    // MARK: - lock-timeout-missing

    @Test func accessExclusiveWithoutLockTimeout() throws {
        let report = lint(Self.table, "ALTER TABLE t ADD COLUMN extra int;", configuration: Self.noLockTimeout)
        #expect(located(report) == ["lock-timeout-missing 1:1"])
        let found = try #require(finding("lock-timeout-missing", in: report))
        #expect(found.message.contains("ALTER TABLE … ADD COLUMN takes ACCESS EXCLUSIVE on t"))
        #expect(found.severity == .warning)
    }

    @Test func configuredLockTimeoutCounts() {
        let report = lint(Self.table, "ALTER TABLE t ADD COLUMN extra int;\nDROP TABLE IF EXISTS t;", configuration: configuration(lockTimeout: true))
        #expect(located(report) == ["drop-table 2:1"])
    }

    @Test(arguments: [
        "SET lock_timeout = '5s';",
        "SET SESSION lock_timeout TO 5000;",
        "SET LOCAL lock_timeout = '2s';",
        "SELECT 1;\nSET lock_timeout = '1min';",
    ])
    func lockTimeoutSetInTheFile(set: String) {
        let report = lint(Self.table, set + "\nALTER TABLE t ADD COLUMN extra int;", configuration: Self.noLockTimeout)
        #expect(located(report) == [])
    }

    @Test(arguments: [
        "SET lock_timeout = 0;",
        "SET lock_timeout TO DEFAULT;",
        "SET lock_timeout = '5s';\nRESET lock_timeout;",
        "SET lock_timeout = '5s';\nRESET ALL;",
    ])
    func lockTimeoutTurnedOffInTheFile(set: String) {
        let report = lint(Self.table, set + "\nALTER TABLE t ADD COLUMN extra int;", configuration: configuration(lockTimeout: true))
        #expect(codes(report) == ["lock-timeout-missing"])
    }

    @Test func weakerLocksAndNewTablesNeedNoLockTimeout() {
        let report = lint(
            Self.table,
            """
            CREATE TABLE s (id int);
            ALTER TABLE s ADD COLUMN extra int;
            ALTER TABLE t ADD CONSTRAINT t_id_positive CHECK (id > 0) NOT VALID;
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
            DROP TRIGGER t_touch ON t;
            """,
            configuration: Self.noLockTimeout
        )
        #expect(located(report) == ["lock-timeout-missing 3:1", "lock-timeout-missing 5:1"])
        // CHECK … NOT VALID still takes ACCESS EXCLUSIVE (briefly); CREATE TRIGGER takes SHARE ROW
        // EXCLUSIVE, DROP TRIGGER ACCESS EXCLUSIVE.
        #expect(report.findings.first?.message.contains("ADD CONSTRAINT takes ACCESS EXCLUSIVE on t") == true)
    }

    /// The trap: in a no-transaction file, `SET LOCAL` lasts until the COMMIT of the block it is in.
    @Test func setLocalEndsWithItsTransactionInANoTransactionFile() {
        let report = lint(
            Self.table,
            """
            -- strata:no-transaction
            BEGIN;
            SET LOCAL lock_timeout = '5s';
            ALTER TABLE t ADD COLUMN a int;
            COMMIT;
            ALTER TABLE t ADD COLUMN b int;
            """,
            configuration: Self.noLockTimeout
        )
        #expect(located(report) == ["lock-timeout-missing 6:1"])
    }

    @Test func setLocalOutsideATransactionBlockChangesNothing() {
        // Outside BEGIN, each statement of a no-transaction file is its own transaction, so SET LOCAL
        // ends at once (PostgreSQL only warns).
        let report = lint(
            Self.table,
            "-- strata:no-transaction\nSET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN a int;",
            configuration: Self.noLockTimeout
        )
        #expect(located(report) == ["lock-timeout-missing 3:1"])
        let session = lint(
            Self.table,
            "-- strata:no-transaction\nSET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN a int;",
            configuration: Self.noLockTimeout
        )
        #expect(located(session) == [])
    }

    @Test func settingsAcrossFilesOfOneRun() {
        let alter = "ALTER TABLE t ADD COLUMN a int;"
        // A session SET lasts for the rest of the run (one session), not into a later run.
        let sessionSet = ["SET lock_timeout = '5s';", alter]
        #expect(located(lint([Self.table] + sessionSet, configuration: Self.noLockTimeout, asOneRun: true)) == [])
        #expect(located(lint([Self.table] + sessionSet, configuration: Self.noLockTimeout)) == ["lock-timeout-missing 1:1"])
        // SET LOCAL lasts as long as the transaction: the batch, or one file with transaction: each.
        let localSet = ["SET LOCAL lock_timeout = '5s';", alter]
        let batch = configuration(lockTimeout: false, mode: .batch)
        let each = configuration(lockTimeout: false, mode: .each)
        #expect(located(lint([Self.table] + localSet, configuration: batch, asOneRun: true)) == [])
        #expect(located(lint([Self.table] + localSet, configuration: each, asOneRun: true)) == ["lock-timeout-missing 1:1"])
    }

    // MARK: - enum-value-same-transaction

    static let mood = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE people (id int, current_mood mood);
        """

    @Test func newValueUsedInTheSameFile() throws {
        let report = lint(Self.mood, "ALTER TYPE mood ADD VALUE 'meh';\nUPDATE people SET current_mood = 'meh' WHERE id = 1;")
        #expect(located(report) == ["enum-value-same-transaction 2:34"])
        let found = try #require(finding("enum-value-same-transaction", in: report))
        #expect(found.message.contains("'meh' was added to mood"))
        #expect(found.message.contains("unsafe use of new value"))
    }

    @Test(arguments: [
        "INSERT INTO people (id, current_mood) VALUES (1, 'meh');",
        "SELECT 'meh'::mood;",
        "SELECT CAST('meh' AS public.mood);",
    ])
    func newValueUsedByOtherStatements(use: String) {
        let report = lint(Self.mood, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'happy';\n" + use)
        #expect(codes(report) == ["enum-value-same-transaction"])
        #expect(report.findings.first?.line == 2)
    }

    @Test func oldValuesAndOtherStringsAreNotFlagged() {
        let report = lint(
            Self.mood,
            """
            ALTER TYPE mood ADD VALUE 'meh';
            UPDATE people SET current_mood = 'sad' WHERE id = 1;
            CREATE TABLE notes (id int, body text);
            INSERT INTO notes VALUES (1, 'meh');
            """
        )
        #expect(located(report) == [])
    }

    @Test func newValueUsedInANoTransactionFile() {
        let report = lint(Self.mood, "-- strata:no-transaction\nALTER TYPE mood ADD VALUE 'meh';\nUPDATE people SET current_mood = 'meh';")
        #expect(located(report) == [])
    }

    @Test func newValueUsedInTheNextFile() {
        let add = "ALTER TYPE mood ADD VALUE 'meh';"
        let use = "UPDATE people SET current_mood = 'meh' WHERE id = 1;"
        // Applied over time, or in one run with a transaction per file: the ADD has committed.
        #expect(located(lint(Self.mood, add, use)) == [])
        #expect(located(lint(Self.mood, add, use, configuration: configuration(mode: .each), asOneRun: true)) == [])
        // In one batch transaction it has not.
        let batch = lint(Self.mood, add, use, configuration: configuration(mode: .batch), asOneRun: true)
        #expect(located(batch, withFile: true) == ["3.sql:enum-value-same-transaction 1:34"])
    }

    @Test func noTransactionFileEndsTheBatchTransaction() {
        // A no-transaction file between them commits the batch's open transaction first.
        let report = lint(
            Self.mood, "ALTER TYPE mood ADD VALUE 'meh';", "-- strata:no-transaction\nVACUUM people;",
            "UPDATE people SET current_mood = 'meh' WHERE id = 1;", configuration: configuration(mode: .batch), asOneRun: true
        )
        #expect(located(report) == [])
    }

    // MARK: - unbatched-update

    @Test func wholeTableUpdateWithDDLLock() throws {
        let report = lint(Self.table, "ALTER TABLE t ADD COLUMN flag boolean;\nUPDATE t SET flag = false;")
        #expect(located(report) == ["unbatched-update 2:1"])
        let found = try #require(finding("unbatched-update", in: report))
        #expect(found.message.contains("every row of t"))
        #expect(found.message.contains("ACCESS EXCLUSIVE on t"))
    }

    @Test func wholeTableDeleteWithDDLLock() {
        let report = lint(Self.table, "CREATE INDEX t_note ON t (note);\nDELETE FROM t;")
        #expect(located(report) == ["index-not-concurrent 1:1", "unbatched-update 2:1"])
        #expect(report.findings.last?.message.contains("SHARE on t") == true)
    }

    @Test func updatesThatAreNotFlagged() {
        let report = lint(
            Self.table,
            """
            ALTER TABLE t ADD COLUMN flag boolean;
            UPDATE t SET flag = false WHERE id < 1000;
            CREATE TABLE s (id int);
            UPDATE s SET id = 1;
            """
        )
        #expect(located(report) == [])
        #expect(located(lint(Self.table, "UPDATE t SET note = '';")) == [])
        #expect(located(lint(Self.table, "-- strata:no-transaction\nALTER TABLE t ADD COLUMN flag boolean;\nUPDATE t SET flag = false;")) == [])
    }

    @Test func findingsAreInPositionOrder() {
        // unbatched-update is decided when the transaction ends, yet is listed at its statement.
        let report = lint(Self.table, "UPDATE t SET note = '';\nALTER TABLE t ADD COLUMN flag boolean NOT NULL;")
        #expect(located(report) == ["unbatched-update 1:1", "not-null-column-without-default 2:26"])
    }
}
