import StrataSQL
import Testing

@Suite("Statement classification")
struct StatementKindTests {
    private func kinds(_ sql: String) -> [StatementKind] {
        StatementSplitter.split(sql).statements.map(\.kind)
    }

    @Test(
        "transaction control",
        arguments: [
            "BEGIN", "begin transaction isolation level serializable", "BEGIN WORK", "START TRANSACTION",
            "start transaction read only", "COMMIT", "commit and chain", "COMMIT WORK", "END", "END TRANSACTION",
            "ROLLBACK", "ROLLBACK WORK", "rollback and chain", "ABORT", "PREPARE TRANSACTION 'tx1'",
            "COMMIT PREPARED 'tx1'", "ROLLBACK PREPARED 'tx1'", "/* lead */ Commit",
        ]
    )
    func transactionControl(_ sql: String) {
        #expect(kinds(sql) == [.transactionControl])
    }

    @Test(
        "cannot run inside a transaction block",
        arguments: [
            "CREATE INDEX CONCURRENTLY users_email_idx ON users (email)",
            "create unique index concurrently if not exists i on t (a)",
            "CREATE INDEX CONCURRENTLY ON t (a)",
            "DROP INDEX CONCURRENTLY users_email_idx",
            "DROP INDEX CONCURRENTLY IF EXISTS i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX TABLE CONCURRENTLY t",
            "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
            "REINDEX (CONCURRENTLY true) INDEX i",
            "REINDEX SCHEMA public",
            "REINDEX DATABASE app",
            "REINDEX SYSTEM",
            "reindex (verbose) database",
            "VACUUM",
            "VACUUM FULL users",
            "vacuum (analyze, verbose) users",
            "CREATE DATABASE app",
            "DROP DATABASE app",
            "DROP DATABASE IF EXISTS \"App\" WITH (FORCE)",
            "CREATE TABLESPACE fast LOCATION '/ssd'",
            "DROP TABLESPACE fast",
            "ALTER SYSTEM SET work_mem = '64MB'",
            "ALTER SYSTEM RESET ALL",
            "ALTER DATABASE app SET TABLESPACE fast",
            "ALTER DATABASE \"My App\" SET TABLESPACE fast",
            "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY",
            "ALTER TABLE IF EXISTS public.m DETACH PARTITION public.m1 CONCURRENTLY",
            "CLUSTER",
            "CLUSTER VERBOSE",
            "CLUSTER (VERBOSE)",
            "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
            "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
            "DROP SUBSCRIPTION s",
            "DISCARD ALL",
        ]
    )
    func nonTransactional(_ sql: String) {
        #expect(kinds(sql) == [.nonTransactional])
    }

    @Test(
        "ordinary statements, including near misses",
        arguments: [
            "SELECT 1",
            "ROLLBACK TO SAVEPOINT a",
            "ROLLBACK TO a",
            "ROLLBACK WORK TO SAVEPOINT a",
            "rollback transaction to a",
            "SAVEPOINT a",
            "RELEASE SAVEPOINT a",
            "PREPARE stmt AS SELECT 1",
            "PREPARE transaction AS SELECT 1",
            "CREATE INDEX foo ON t (a)",
            "CREATE UNIQUE INDEX foo ON t (a)",
            "CREATE INDEX \"concurrently\" ON t (a)",
            "DROP INDEX foo",
            "REINDEX TABLE t",
            "REINDEX INDEX i",
            "REINDEX (CONCURRENTLY false) TABLE t",
            "REINDEX (CONCURRENTLY off) TABLE t",
            "REINDEX (CONCURRENTLY 0) TABLE t",
            "CLUSTER users",
            "CLUSTER VERBOSE users USING users_pkey",
            "CLUSTER (VERBOSE) users",
            "ALTER DATABASE app SET work_mem = '64MB'",
            "ALTER DATABASE app RENAME TO app2",
            "ALTER TABLESPACE fast RENAME TO faster",
            "ALTER TABLE m DETACH PARTITION m1",
            "ALTER TABLE m DETACH PARTITION m1 FINALIZE",
            "ALTER TABLE t ADD COLUMN concurrently_flag bool",
            "ANALYZE users",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
            "DISCARD PLANS",
            "CREATE TABLE database (id int)",
            "CREATE PUBLICATION p FOR ALL TABLES",
            "COPY t FROM '/tmp/data.csv'",
            "COPY t TO STDOUT",
            "COPY (SELECT * FROM stdin) TO STDOUT",
            "DO $$ BEGIN COMMIT; END $$",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
            "\"BEGIN\"",
        ]
    )
    func ordinary(_ sql: String) {
        #expect(kinds(sql) == [.ordinary])
    }

    @Test(
        "COPY … FROM STDIN",
        arguments: [
            "COPY t FROM STDIN",
            "copy public.t (a, b) from stdin with (format csv)",
            "COPY \"T\" FROM STDIN WITH CSV HEADER",
        ]
    )
    func copyFromStdin(_ sql: String) {
        #expect(kinds(sql) == [.copyFromStdin])
    }

    @Test("psql meta-commands")
    func metaCommand() {
        #expect(kinds("\\i other.sql\n\\set x 1\n\\c db") == [.metaCommand, .metaCommand, .metaCommand])
    }

    @Test("END inside a BEGIN ATOMIC body is not a top-level statement")
    func endInsideAtomicBody() {
        let sql = """
            CREATE PROCEDURE p() LANGUAGE sql
            BEGIN ATOMIC
              INSERT INTO t VALUES (CASE WHEN true THEN 1 END);
              SELECT CASE WHEN true THEN 1 END;
            END;
            COMMIT;
            """
        #expect(kinds(sql) == [.ordinary, .transactionControl])
    }

    @Test("kinds in a mixed script")
    func mixed() {
        let sql = """
            BEGIN;
            CREATE INDEX CONCURRENTLY i ON t (a);
            ROLLBACK TO SAVEPOINT s;
            COPY t FROM STDIN;
            \\.
            COMMIT;
            """
        #expect(kinds(sql) == [.transactionControl, .nonTransactional, .ordinary, .copyFromStdin, .metaCommand, .transactionControl])
    }

    @Test("StatementKind encodes as a stable string")
    func codable() throws {
        for kind in StatementKind.allCases {
            let data = try JSONEncoderShim.encode(kind)
            #expect(try JSONEncoderShim.decode(StatementKind.self, from: data) == kind)
        }
        let data = try JSONEncoderShim.encode([StatementKind.nonTransactional])
        #expect(String(decoding: data, as: UTF8.self) == #"["non-transactional"]"#)
    }
}
