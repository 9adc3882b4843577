import Foundation
import StrataGenerate
import StrataLint
import StrataObserve
import StrataPostgres
import StrataSQL
import StrataTesting
import Testing

/// How a run goes: failures, ignores, invalid files, severities, and the scratch database.
@Suite struct ObservationRunTests {
    @Test func aFailingStatementIsReportedAtTheServersPositionAndStopsTheRun() async throws {
        let report = try await ObserveSupport.observe([
            "CREATE TABLE t (id int PRIMARY KEY);\n",
            "CREATE TABLE a (id int, b int);\nUPDATE a\n  SET b = no_such_column;\nCREATE INDEX a_b ON a (b);\n",
            "CREATE TABLE c (id int);\n",
        ], reported: 2)
        #expect(report.codes == ["replay-failed"])
        let finding = try #require(report.findings.first)
        #expect(finding.file == "2.sql" && finding.line == 3 && finding.column == 11, "\(finding)")
        #expect(finding.message.contains("[42703]") && finding.message.contains("no_such_column"), "\(finding.message)")
        #expect(finding.statement == "UPDATE a …")
        #expect(finding.severity == .error)
        #expect(report.statements.map(\.line) == [1], "the statement before the failure is observed")
        #expect(report.notObserved == ["2.sql", "3.sql"])
    }

    @Test func aFailingConcurrentStatementEndsTheWatchAndIsReported() async throws {
        let report = try await ObserveSupport.observe([
            "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON no_such_table (id);\n",
        ])
        #expect(report.codes == ["replay-failed"])
        // The server gives no position for a missing table: the statement's start.
        #expect(report.findings.first?.line == 2 && report.findings.first?.column == 1, "\(report.findings)")
        #expect(report.findings.first?.message.contains("no_such_table") == true)
        #expect(report.statements.isEmpty)
    }

    @Test func aFailingEarlierFileIsNamedAlthoughItIsNotReported() async throws {
        let report = try await ObserveSupport.observe(["CREATE TABLE t (id int);\nCREATE TABLE t (id int);\n", "ALTER TABLE t ADD COLUMN a int;\n"])
        #expect(report.codes == ["replay-failed"])
        #expect(report.findings.first?.file == "1.sql" && report.findings.first?.line == 2)
        #expect(report.findings.first?.message.contains("replaying 1.sql") == true)
        #expect(report.notObserved == ["2.sql"])
    }

    @Test func aDeferredConstraintFailingAtCommitIsTheFilesFailure() async throws {
        let report = try await ObserveSupport.observe([
            "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\n",
            "INSERT INTO c VALUES (1);\n",
        ])
        #expect(report.codes == ["replay-failed"])
        #expect(report.findings.first?.message.contains("COMMIT") == true, "\(report.findings)")
        #expect(report.findings.first?.message.contains("23503") == true)
    }

    @Test func lintIgnoreCommentsApplyToObservedFindings() async throws {
        let table = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"
        let report = try await ObserveSupport.observe([
            table,
            """
            -- strata:lint-ignore table-rewrite the table holds ten rows
            ALTER TABLE t ALTER COLUMN id TYPE bigint;
            ALTER TABLE t ALTER COLUMN name SET NOT NULL;
            """,
        ])
        #expect(report.codes == ["access-exclusive-scan"], "the comment covers the next statement only: \(report.findings)")
        #expect(report.ignored == 1)
        #expect(report.statements.first?.rewrites == ["t", "t_pkey"], "the statement is still observed")

        let fileWide = try await ObserveSupport.observe([
            table,
            "-- strata:lint-ignore-file table-rewrite, access-exclusive-scan small table\n-- strata:up\nALTER TABLE t ALTER COLUMN id TYPE bigint;\nALTER TABLE t ALTER COLUMN name SET NOT NULL;\n",
        ])
        #expect(fileWide.findings.isEmpty, "\(fileWide.findings)")
        #expect(fileWide.ignored == 2)
    }

    @Test func severitiesFromTheConfigurationApply() async throws {
        let configuration = LintConfiguration(severities: [.tableRewrite: .warning, .accessExclusiveScan: .off], postgresVersion: 15)
        let report = try await ObserveSupport.observe(
            ["CREATE TABLE t (id int, name text);\n", "ALTER TABLE t ALTER COLUMN id TYPE bigint;\nALTER TABLE t ALTER COLUMN name SET NOT NULL;\n"],
            configuration: configuration
        )
        #expect(report.findings.map(\.severity) == [.warning])
        #expect(report.codes == ["table-rewrite"])
        #expect(!report.hasErrors)
    }

    @Test func anInvalidFileStopsTheRunWithWhereAndWhy() async throws {
        let report = try await ObserveSupport.observe([
            "CREATE TABLE t (id int);\n", "ALTER TABLE t ADD COLUMN a int;\nSELECT 'unterminated;\n", "ALTER TABLE t ADD COLUMN b int;\n",
        ], reported: 2)
        #expect(report.codes == ["invalid-file"])
        #expect(report.findings.first?.file == "2.sql" && report.findings.first?.line == 2, "\(report.findings)")
        #expect(report.statements.isEmpty)
        #expect(report.notObserved == ["2.sql", "3.sql"])
    }

    @Test func theScratchDatabaseIsGoneAfterASuccessAndAfterAFailure() async throws {
        // A role (shared by the whole server) keeps the scratch database's name in its comment.
        let role = "strata_observe_\(getpid())"
        try await TestServer.ensureRoles([role])
        let remember = "DO $$ BEGIN EXECUTE format('COMMENT ON ROLE \(role) IS %L', current_database()); END $$;\n"
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        func remembered() async throws -> String? {
            try await admin.scalar("SELECT pg_catalog.shobj_description(oid, 'pg_authid') FROM pg_catalog.pg_roles WHERE rolname = $1", [role])
        }
        func exists(_ name: String) async throws -> Bool {
            try await admin.scalar("SELECT count(*) FROM pg_catalog.pg_database WHERE datname = $1", [name]) == "1"
        }

        let succeeded = try await ObserveSupport.observe(["CREATE TABLE t (id int);\n", remember])
        #expect(succeeded.findings.isEmpty)
        let first = try #require(try await remembered())
        #expect(first.hasPrefix("strata_scratch_"))
        let firstExists = try await exists(first)
        #expect(!firstExists)

        // Outside a transaction, so that what the first statement remembers is committed.
        let failed = try await ObserveSupport.observe(["-- strata:no-transaction\n" + remember + "SELECT 1/0;\n"])
        #expect(failed.codes == ["replay-failed"])
        let second = try #require(try await remembered())
        #expect(second != first && second.hasPrefix("strata_scratch_"))
        let secondExists = try await exists(second)
        #expect(!secondExists)

        try await admin.execute("DROP ROLE \(role)")
        await admin.close()
    }

    @Test func aMissingRoleIsCreatedOnStrataOwnCluster() async throws {
        let role = "strata_observe_missing_\(getpid())"
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        try await admin.execute("DROP ROLE IF EXISTS \(role)")
        let scratch = ScratchServer(adminSettings: try await TestServer.adminSettings(), createsMissingRoles: true)
        let files = [
            LintFile(name: "1.sql", text: "CREATE TABLE t (id int);\nGRANT SELECT ON t TO \(role);\n", isReported: false),
            LintFile(name: "2.sql", text: "ALTER TABLE t ADD COLUMN a int;\n"),
        ]
        let report = try await LockObserver(configuration: LintConfiguration(postgresVersion: 15)).observe(files, on: scratch)
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.statements.count == 1)
        try await admin.execute("DROP ROLE IF EXISTS \(role)")
        await admin.close()
    }
}
