import StrataLint
import StrataTesting
import Testing

/// The rules that claim a scan of an existing table under a strong lock, or a failure, against
/// what PostgreSQL 15 does: scans counted in `pg_stat_xact_user_tables` inside the transaction,
/// locks from `pg_locks`, and the server's errors.
///
/// One case at a time: each holds a database and two or three connections of the test server,
/// which every other suite shares.
@Suite(.serialized) struct ScanGroundTruthTests {
    static let table = """
        CREATE TABLE t (id int NOT NULL, note text, amount int);
        INSERT INTO t SELECT i, 'note', i FROM generate_series(1, 100) AS i;
        """
    static let addCheck = "ALTER TABLE t ADD CONSTRAINT note_not_null CHECK (note IS NOT NULL) NOT VALID;"
    static let validateCheck = "ALTER TABLE t VALIDATE CONSTRAINT note_not_null;"
    static let setNotNull = "ALTER TABLE t ALTER COLUMN note SET NOT NULL;"

    // MARK: - set-not-null-scan: a scan of t

    static let setNotNullCases: [(GroundTruthCase, scans: Bool)] = [
        (GroundTruthCase("set not null without check", setup: [table], setNotNull), true),
        (GroundTruthCase("set not null after validated check", setup: [table, addCheck, validateCheck], setNotNull), false),
        (GroundTruthCase("set not null after check not yet validated", setup: [table, addCheck], setNotNull), true),
        (GroundTruthCase("set not null after check added valid", setup: [table, "ALTER TABLE t ADD CHECK (note IS NOT NULL);"], setNotNull), false),
        (GroundTruthCase("set not null of a not null column", setup: [table], "ALTER TABLE t ALTER COLUMN id SET NOT NULL;"), false),
        (
            GroundTruthCase(
                "set not null and drop the check in one statement", setup: [table, addCheck, validateCheck],
                "ALTER TABLE t ALTER COLUMN note SET NOT NULL, DROP CONSTRAINT note_not_null;"
            ), true
        ),
        (
            GroundTruthCase(
                "set not null of a column added with a default", setup: [table],
                "ALTER TABLE t ADD COLUMN extra int DEFAULT 0;\nALTER TABLE t ALTER COLUMN extra SET NOT NULL;"
            ), true
        ),
        (GroundTruthCase("column added not null with a default", setup: [table], "ALTER TABLE t ADD COLUMN extra int NOT NULL DEFAULT 0;"), false),
        (
            GroundTruthCase("set not null on a new table", setup: [table], "CREATE TABLE s (id int);\nALTER TABLE s ALTER COLUMN id SET NOT NULL;", table: "s"),
            false
        ),
    ]

    @Test(arguments: setNotNullCases)
    func setNotNullScan(_ testCase: GroundTruthCase, scans: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        testCase.expectAgreement(.setNotNullScan, serverSays: effect.scans > 0 && effect.visibleToOthers, expected: scans, "a scan of the table")
        testCase.expectLockTimeoutAgreement(effect)
    }

    @Test func setNotNullOfColumnAddedWithoutDefault() async throws {
        // The column is NULL in every existing row: the scan stops at the first one, and fails.
        let testCase = GroundTruthCase(
            "set not null of a column added without a default", setup: [Self.table],
            "ALTER TABLE t ADD COLUMN extra int;\nALTER TABLE t ALTER COLUMN extra SET NOT NULL;"
        )
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error?.sqlState == "23502")
        let report = lint(testCase.setup + [testCase.migration])
        #expect(located(report) == ["set-not-null-scan 2:15"])
        #expect(report.findings.first?.severity == .error)
        #expect(report.findings.first?.hint.contains("NOT NULL DEFAULT") == true)
    }

    // MARK: - constraint-not-valid-missing: a scan while adding

    static let orders = """
        CREATE TABLE users (id int PRIMARY KEY);
        INSERT INTO users SELECT generate_series(1, 10);
        CREATE TABLE orders (id int, user_id int, total int);
        INSERT INTO orders SELECT i, i % 10 + 1, i FROM generate_series(1, 100) AS i;
        CREATE INDEX orders_user_id ON orders (user_id);
        """

    static let constraintCases: [(GroundTruthCase, scans: Bool)] = [
        (GroundTruthCase("check", setup: [orders], "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0);", table: "orders"), true),
        (GroundTruthCase("check not valid", setup: [orders], "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;", table: "orders"), false),
        (GroundTruthCase("foreign key", setup: [orders], "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);", table: "orders"), true),
        (
            GroundTruthCase(
                "foreign key not valid", setup: [orders], "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
                table: "orders"
            ), false
        ),
        (GroundTruthCase("column added with a check", setup: [orders], "ALTER TABLE orders ADD COLUMN discount int CHECK (discount >= 0);", table: "orders"), true),
        (GroundTruthCase("column added with a reference", setup: [orders], "ALTER TABLE orders ADD COLUMN buyer_id int REFERENCES users (id);", table: "orders"), false),
        (GroundTruthCase("column added with a default and a check", setup: [orders], "ALTER TABLE orders ADD COLUMN discount int NOT NULL DEFAULT 0 CHECK (discount >= 0);", table: "orders"), true),
        (
            GroundTruthCase(
                "check on a new table", setup: [orders], "CREATE TABLE s (n int);\nALTER TABLE s ADD CONSTRAINT n_positive CHECK (n > 0);", table: "s"
            ), false
        ),
    ]

    @Test(arguments: constraintCases)
    func constraintNotValidMissing(_ testCase: GroundTruthCase, scans: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        let blocksWrites = !effect.othersCanWrite
        testCase.expectAgreement(
            .constraintNotValidMissing, serverSays: effect.scans > 0 && blocksWrites && effect.visibleToOthers, expected: scans,
            "a scan of the table while writes are blocked"
        )
        testCase.expectLockTimeoutAgreement(effect)
    }

    // MARK: - validate-in-same-transaction: the scan runs under the ADD's lock

    static let validateCases: [(GroundTruthCase, underStrongLock: Bool)] = [
        (GroundTruthCase("validate in the transaction that added it", setup: [table], addCheck + "\n" + validateCheck), true),
        (GroundTruthCase("validate in a later transaction", setup: [table, addCheck], validateCheck), false),
    ]

    @Test(arguments: validateCases)
    func validateInSameTransaction(_ testCase: GroundTruthCase, underStrongLock: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        #expect(effect.scans > 0, "\(testCase.name): VALIDATE reads the table")
        let strong = effect.locks.contains { $0 > .shareUpdateExclusive }
        testCase.expectAgreement(.validateInSameTransaction, serverSays: strong, expected: underStrongLock, "a lock stronger than SHARE UPDATE EXCLUSIVE")
        testCase.expectLockTimeoutAgreement(effect)
    }

    // MARK: - primary-key-nullable-columns: a NOT NULL scan under ACCESS EXCLUSIVE

    static let items = """
        CREATE TABLE items (id int, sku int NOT NULL);
        INSERT INTO items SELECT i, i FROM generate_series(1, 100) AS i;
        """
    static let itemIndexes = """
        -- strata:no-transaction
        CREATE UNIQUE INDEX CONCURRENTLY items_id_idx ON items (id);
        CREATE UNIQUE INDEX CONCURRENTLY items_sku_idx ON items (sku);
        """

    static let primaryKeyCases: [(GroundTruthCase, scans: Bool)] = [
        (
            GroundTruthCase(
                "primary key using index on nullable column", setup: [items, itemIndexes],
                "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;", table: "items"
            ), true
        ),
        (
            GroundTruthCase(
                "primary key using index on not null column", setup: [items, itemIndexes],
                "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_sku_idx;", table: "items"
            ), false
        ),
        (
            GroundTruthCase(
                "primary key using index on a column added in the same file", setup: [items],
                """
                ALTER TABLE items ADD COLUMN code int;
                UPDATE items SET code = id;
                CREATE UNIQUE INDEX items_code_idx ON items (code);
                ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_code_idx;
                """,
                table: "items"
            ), true
        ),
        (
            GroundTruthCase(
                "primary key using index after validated check",
                setup: [
                    items, itemIndexes, "ALTER TABLE items ADD CONSTRAINT id_not_null CHECK (id IS NOT NULL) NOT VALID;",
                    "ALTER TABLE items VALIDATE CONSTRAINT id_not_null;",
                ],
                "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;", table: "items"
            ), false
        ),
    ]

    @Test(arguments: primaryKeyCases)
    func primaryKeyNullableColumns(_ testCase: GroundTruthCase, scans: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        testCase.expectAgreement(
            .primaryKeyNullableColumns, serverSays: effect.lastStatementScans > 0 && effect.locks.contains(.accessExclusive), expected: scans,
            "a scan under ACCESS EXCLUSIVE"
        )
        #expect(!testCase.linterFlags(.uniqueConstraintBuildsIndex))
        testCase.expectLockTimeoutAgreement(effect)
    }

    // MARK: - not-null-column-without-default: fails on a table with rows

    static let notNullCases: [(GroundTruthCase, fails: Bool)] = [
        (GroundTruthCase("not null without default", setup: [table], "ALTER TABLE t ADD COLUMN tenant_id int NOT NULL;"), true),
        (GroundTruthCase("not null with default", setup: [table], "ALTER TABLE t ADD COLUMN tenant_id int NOT NULL DEFAULT 1;"), false),
        (GroundTruthCase("not null identity", setup: [table], "ALTER TABLE t ADD COLUMN number bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY;"), false),
        (GroundTruthCase("nullable without default", setup: [table], "ALTER TABLE t ADD COLUMN tenant_id int;"), false),
        (GroundTruthCase("not null on a new table", setup: [table], "CREATE TABLE s (id int);\nALTER TABLE s ADD COLUMN tenant_id int NOT NULL;", table: "s"), false),
    ]

    @Test(arguments: notNullCases)
    func notNullColumnWithoutDefault(_ testCase: GroundTruthCase, fails: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        testCase.expectAgreement(.notNullColumnWithoutDefault, serverSays: effect.error?.sqlState == "23502", expected: fails, "a not-null violation")
        if let error = effect.error {
            #expect(error.message.contains("contains null values"))
        }
    }

    // MARK: - enum-value-same-transaction: unsafe use of new value

    static let people = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE people (id int, current_mood mood);
        INSERT INTO people VALUES (1, 'happy');
        """
    static let addMeh = "ALTER TYPE mood ADD VALUE 'meh';"
    static let useMeh = "UPDATE people SET current_mood = 'meh' WHERE id = 1;"

    static let enumCases: [(GroundTruthCase, fails: Bool)] = [
        (GroundTruthCase("new value used in the same transaction", setup: [people], addMeh + "\n" + useMeh, table: "people"), true),
        (GroundTruthCase("new value cast in the same transaction", setup: [people], addMeh + "\nSELECT 'meh'::mood;", table: "people"), true),
        (GroundTruthCase("old value used in the same transaction", setup: [people], addMeh + "\nUPDATE people SET current_mood = 'sad';", table: "people"), false),
        (GroundTruthCase("new value used in a later transaction", setup: [people, addMeh], useMeh, table: "people"), false),
        (
            GroundTruthCase(
                "value added to a type created in the same transaction", setup: [],
                "CREATE TYPE feeling AS ENUM ('calm');\nALTER TYPE feeling ADD VALUE 'tense';\nSELECT 'tense'::feeling;", table: "people"
            ), true
        ),
    ]

    @Test(arguments: enumCases)
    func enumValueSameTransaction(_ testCase: GroundTruthCase, fails: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        testCase.expectAgreement(.enumValueSameTransaction, serverSays: effect.error?.sqlState == "55P04", expected: fails, "an unsafe use of new value")
        if let error = effect.error {
            #expect(error.message.contains("unsafe use of new value"))
        }
    }
}
