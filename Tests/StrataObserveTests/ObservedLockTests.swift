import StrataLint
import StrataObserve
import Testing

/// The lock lists and rewrites PostgreSQL really produces for the statements the issue names.
@Suite struct ObservedLockTests {
    static let table = "CREATE TABLE t (id int PRIMARY KEY, name varchar(32), note text);\nCREATE INDEX t_name ON t (name);\n"

    @Test func aRewritingAlterTakesAccessExclusiveAndRewritesTheTableAndItsIndexes() async throws {
        let report = try await ObserveSupport.observe([Self.table, "ALTER TABLE t ALTER COLUMN id TYPE bigint;\n"])
        let statement = try #require(report.statements.first)
        #expect(report.statements.count == 1)
        #expect(statement.file == "2.sql" && statement.line == 1 && statement.column == 1)
        #expect(statement.transaction == .file)
        #expect(statement.strongestLock(on: "t")?.mode == .accessExclusive)
        #expect(statement.locks.allSatisfy { $0.granted })
        #expect(statement.locks.contains { $0.relation == "t_pkey" && $0.mode == .accessExclusive })
        #expect(!statement.locks.contains { $0.relation?.hasPrefix("pg_") == true }, "catalog and TOAST locks are left out: \(statement.locks)")
        #expect(statement.rewrites == ["t", "t_name", "t_pkey"])
        #expect(statement.scans == ["t"])
        #expect(statement.durationMs >= 0)
        // The rewrite reads the whole table; the rewrite is the finding, not a second one for the scan.
        #expect(report.codes == ["table-rewrite"])
        let finding = try #require(report.findings.first)
        #expect(finding.severity == .error && finding.file == "2.sql" && finding.line == 1 && finding.column == 1)
        #expect(finding.message.contains("rewrote t") && finding.message.contains("t_name, t_pkey"), "\(finding.message)")
        #expect(finding.statement == "ALTER TABLE t ALTER COLUMN id TYPE bigint")
        #expect(report.notObserved.isEmpty && report.serverVersion.hasPrefix("15"))
    }

    @Test func aConcurrentIndexBuildIsWatchedFromASecondSession() async throws {
        let report = try await ObserveSupport.observe([
            Self.table,
            "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY t_note ON t (note);\n",
        ])
        let statement = try #require(report.statements.first)
        #expect(statement.transaction == .none)
        #expect(statement.line == 3)
        #expect(statement.strongestLock(on: "t")?.mode == .shareUpdateExclusive, "\(statement.locks)")
        #expect(!statement.locks.contains { $0.mode == .accessExclusive && $0.relation == "t" })
        // It waited for the observer's snapshot, as a build waits for older transactions.
        let waiting = try #require(statement.locks.first { !$0.granted }, "\(statement.locks)")
        #expect(waiting.lockType == "virtualxid" && waiting.relation == nil && waiting.mode == .share)
        #expect(statement.rewrites.isEmpty)
        #expect(statement.note?.contains("second session") == true)
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func wideningAVarcharKeepsTheFiles() async throws {
        let report = try await ObserveSupport.observe([Self.table, "ALTER TABLE t ALTER COLUMN name TYPE varchar(64);\n"])
        let statement = try #require(report.statements.first)
        #expect(statement.strongestLock(on: "t")?.mode == .accessExclusive)
        #expect(statement.rewrites.isEmpty)
        #expect(statement.scans.isEmpty)
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func setNotNullScansUnlessAValidatedCheckProvesIt() async throws {
        let scanned = try await ObserveSupport.observe([Self.table, "ALTER TABLE t ALTER COLUMN name SET NOT NULL;\n"])
        #expect(scanned.codes == ["access-exclusive-scan"])
        #expect(scanned.statements.first?.scans == ["t"])
        #expect(scanned.statements.first?.rewrites.isEmpty == true)
        #expect(scanned.findings.first?.message.contains("ACCESS EXCLUSIVE") == true)

        let proved = try await ObserveSupport.observe([
            Self.table + "ALTER TABLE t ADD CONSTRAINT t_name_not_null CHECK (name IS NOT NULL);\n",
            "ALTER TABLE t ALTER COLUMN name SET NOT NULL;\n",
        ])
        #expect(proved.statements.first?.scans.isEmpty == true, "\(proved.statements)")
        #expect(proved.findings.isEmpty, "\(proved.findings)")
    }

    @Test func aTableCreatedInTheSameFileIsNotExisting() async throws {
        let report = try await ObserveSupport.observe([
            "CREATE TABLE fresh (id int, name text);\nALTER TABLE fresh ALTER COLUMN id TYPE bigint;\nALTER TABLE fresh ALTER COLUMN name SET NOT NULL;\n",
        ])
        #expect(report.statements.count == 3)
        #expect(report.statements[0].strongestLock(on: "fresh")?.mode == .accessExclusive)
        #expect(report.statements[1].rewrites.isEmpty, "only relations that existed before the file count")
        #expect(report.statements[2].scans == ["fresh"])
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func locksAlreadyHeldInTheTransactionAreNotListedAgain() async throws {
        let report = try await ObserveSupport.observe([
            Self.table, "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\nCREATE INDEX t_a ON t (a);\n",
        ])
        #expect(report.statements.count == 3)
        #expect(report.statements[0].strongestLock(on: "t")?.mode == .accessExclusive)
        #expect(report.statements[1].strongestLock(on: "t") == nil, "\(report.statements[1].locks)")
        #expect(report.statements[2].strongestLock(on: "t")?.mode == .share)
        #expect(report.statements[2].locks.contains { $0.relation == "t_a" })
        // Building the index reads t while the transaction still holds the ALTERs' ACCESS EXCLUSIVE.
        #expect(report.codes == ["access-exclusive-scan"])
        #expect(report.findings.first?.line == 3)
    }

    @Test func aNoTransactionFileRunsEachStatementInItsOwnTransaction() async throws {
        let report = try await ObserveSupport.observe([
            Self.table,
            """
            -- strata:no-transaction
            ALTER TABLE t ADD COLUMN a int;
            ALTER TABLE t ADD COLUMN b int;
            BEGIN;
            ALTER TABLE t ADD COLUMN c int;
            ALTER TABLE t ADD COLUMN d int;
            COMMIT;
            """,
        ])
        #expect(report.statements.map(\.transaction) == [.statement, .statement, .explicit, .explicit, .explicit, .explicit])
        let modes = report.statements.map { $0.strongestLock(on: "t")?.mode }
        // Each statement of its own takes the lock anew; inside the file's BEGIN only the first does.
        #expect(modes == [.accessExclusive, .accessExclusive, nil, .accessExclusive, nil, nil], "\(report.statements)")
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func aStatementRefusedInATransactionBlockThatTheTextDoesNotShowRunsOutsideOne() async throws {
        let report = try await ObserveSupport.observe([
            "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\nCREATE INDEX m_at ON m (at);\n",
            "-- strata:no-transaction\nREINDEX TABLE m;\n",
        ])
        let statement = try #require(report.statements.first)
        #expect(statement.transaction == .none)
        #expect(statement.rewrites == ["m1_at_idx"])
        // REINDEX writes each index anew.
        #expect(report.codes == ["table-rewrite"])
        #expect(report.findings.first?.message.contains("rebuilt the index m1_at_idx of m1") == true, "\(report.findings)")
    }

    @Test func truncateGivesNewFilesButIsNoRewrite() async throws {
        let report = try await ObserveSupport.observe([Self.table, "TRUNCATE t;\n"])
        let statement = try #require(report.statements.first)
        #expect(statement.rewrites.isEmpty && statement.scans.isEmpty)
        #expect(statement.note?.contains("TRUNCATE") == true)
        #expect(statement.strongestLock(on: "t")?.mode == .accessExclusive)
        #expect(report.findings.isEmpty, "\(report.findings)")
    }
}
