import StrataLint
import StrataTesting
import Testing

/// The rules about the lock a statement takes on an existing table, against the relation locks
/// PostgreSQL 15 shows in `pg_locks` for the migration's own backend, and what another session
/// can still do meanwhile.
///
/// One case at a time: each holds a database and two or three connections of the test server,
/// which every other suite shares.
@Suite(.serialized) struct LockGroundTruthTests {
    static let table = """
        CREATE TABLE t (id int NOT NULL, email text, during tstzrange);
        INSERT INTO t SELECT i, 'user' || i || '@example.com', tstzrange(now() + i * interval '1 day', now() + (i + 1) * interval '1 day')
        FROM generate_series(1, 100) AS i;
        CREATE INDEX t_email ON t (email);
        """

    // MARK: - index-not-concurrent: SHARE on t, writes wait

    static let indexCases: [(GroundTruthCase, blocksWrites: Bool)] = [
        (GroundTruthCase("create index", setup: [table], "CREATE INDEX t_id ON t (id);"), true),
        (GroundTruthCase("create unique index", setup: [table], "CREATE UNIQUE INDEX t_id ON t (id);"), true),
        (GroundTruthCase("create index if not exists", setup: [table], "CREATE INDEX IF NOT EXISTS t_id ON t (id);"), true),
        (GroundTruthCase("create index on a new table", setup: [table], "CREATE TABLE s (id int);\nCREATE INDEX s_id ON s (id);", table: "s"), false),
    ]

    @Test(arguments: indexCases)
    func indexNotConcurrent(_ testCase: GroundTruthCase, blocksWrites: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        if effect.visibleToOthers {
            #expect(effect.locks.max() == .share, "\(testCase.name): \(effect.locks)")
            #expect(effect.othersCanRead)
        }
        testCase.expectAgreement(
            .indexNotConcurrent, serverSays: effect.visibleToOthers && !effect.othersCanWrite, expected: blocksWrites, "blocking others' writes"
        )
        testCase.expectLockTimeoutAgreement(effect)
    }

    @Test func createIndexConcurrently() async throws {
        let testCase = GroundTruthCase(
            "create index concurrently", setup: [Self.table], "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);"
        )
        let observed = try await GroundTruth.locksWhileWaiting(testCase)
        #expect(observed.locks == [.shareUpdateExclusive])
        testCase.expectAgreement(.indexNotConcurrent, serverSays: !observed.writesAllowed, expected: false, "blocking others' writes")
        #expect(testCase.lintCodes(lockTimeout: false) == [])
    }

    // MARK: - drop-index-not-concurrent: ACCESS EXCLUSIVE on t, reads wait

    static let dropCases: [(GroundTruthCase, blocksReads: Bool)] = [
        (GroundTruthCase("drop index", setup: [table], "DROP INDEX t_email;"), true),
        (GroundTruthCase("drop index if exists", setup: [table], "DROP INDEX IF EXISTS t_email;"), true),
        (
            GroundTruthCase(
                "drop index created in the same file", setup: [table],
                "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\nDROP INDEX t_id;"
            ), true
        ),
        (GroundTruthCase("drop index of a new table", setup: [table], "CREATE TABLE s (id int);\nCREATE INDEX s_id ON s (id);\nDROP INDEX s_id;", table: "s"), false),
    ]

    @Test(arguments: dropCases)
    func dropIndexNotConcurrent(_ testCase: GroundTruthCase, blocksReads: Bool) async throws {
        // A no-transaction file runs statement by statement; its last statement is observed here
        // in a transaction of its own, after the others have committed.
        let script = GroundTruth.statements(of: testCase.migration)
        let observed = script.count > 1 && testCase.migration.hasPrefix("-- strata:no-transaction")
            ? GroundTruthCase(testCase.name, setup: testCase.setup + ["-- strata:no-transaction\n" + script.dropLast().joined(separator: ";\n")], script.last ?? "", table: testCase.table)
            : testCase
        let effect = try await GroundTruth.run(observed)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        if effect.visibleToOthers {
            #expect(effect.locks.max() == .accessExclusive, "\(testCase.name): \(effect.locks)")
        }
        testCase.expectAgreement(
            .dropIndexNotConcurrent, serverSays: effect.visibleToOthers && !effect.othersCanRead, expected: blocksReads, "blocking others' reads"
        )
    }

    @Test func dropIndexConcurrently() async throws {
        let testCase = GroundTruthCase("drop index concurrently", setup: [Self.table], "-- strata:no-transaction\nDROP INDEX CONCURRENTLY t_email;")
        let observed = try await GroundTruth.locksWhileWaiting(testCase)
        #expect(observed.locks == [.shareUpdateExclusive])
        testCase.expectAgreement(.dropIndexNotConcurrent, serverSays: !observed.writesAllowed, expected: false, "blocking others' writes")
        #expect(testCase.lintCodes(lockTimeout: false) == [])
    }

    // MARK: - unique-constraint-builds-index: an index built under ACCESS EXCLUSIVE

    static let uniqueIndex = "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_id_idx ON t (id);"

    static let uniqueCases: [(GroundTruthCase, builds: Bool)] = [
        (GroundTruthCase("add unique", setup: [table], "ALTER TABLE t ADD CONSTRAINT t_id_key UNIQUE (id);"), true),
        (GroundTruthCase("add primary key", setup: [table], "ALTER TABLE t ADD PRIMARY KEY (id);"), true),
        (GroundTruthCase("add unique column", setup: [table], "ALTER TABLE t ADD COLUMN handle text UNIQUE;"), true),
        (GroundTruthCase("add unique using index", setup: [table, uniqueIndex], "ALTER TABLE t ADD CONSTRAINT t_id_key UNIQUE USING INDEX t_id_idx;"), false),
        (GroundTruthCase("add primary key using index", setup: [table, uniqueIndex], "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx;"), false),
        (GroundTruthCase("add unique on a new table", setup: [table], "CREATE TABLE s (id int);\nALTER TABLE s ADD UNIQUE (id);", table: "s"), false),
    ]

    @Test(arguments: uniqueCases)
    func uniqueConstraintBuildsIndex(_ testCase: GroundTruthCase, builds: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        if effect.visibleToOthers {
            // With or without USING INDEX, the constraint takes ACCESS EXCLUSIVE; only the build is long.
            #expect(effect.locks.max() == .accessExclusive, "\(testCase.name): \(effect.locks)")
        }
        testCase.expectAgreement(
            .uniqueConstraintBuildsIndex, serverSays: effect.visibleToOthers && effect.indexesBuilt > 0 && effect.scans > 0, expected: builds,
            "an index build (a scan) under ACCESS EXCLUSIVE"
        )
        testCase.expectLockTimeoutAgreement(effect)
    }

    // MARK: - exclusion-constraint: an index built and checked under ACCESS EXCLUSIVE

    static let exclusionCases: [(GroundTruthCase, builds: Bool)] = [
        (GroundTruthCase("add exclude", setup: [table], "ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (during WITH &&);"), true),
        (
            GroundTruthCase(
                "add exclude on a new table", setup: [table],
                "CREATE TABLE s (during tstzrange);\nALTER TABLE s ADD CONSTRAINT s_no_overlap EXCLUDE USING gist (during WITH &&);", table: "s"
            ), false
        ),
    ]

    @Test(arguments: exclusionCases)
    func exclusionConstraint(_ testCase: GroundTruthCase, builds: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        testCase.expectAgreement(
            .exclusionConstraint,
            serverSays: effect.visibleToOthers && effect.locks.contains(.accessExclusive) && effect.indexesBuilt > 0 && !effect.othersCanRead,
            expected: builds, "an index build under ACCESS EXCLUSIVE"
        )
        testCase.expectLockTimeoutAgreement(effect)
    }
}
