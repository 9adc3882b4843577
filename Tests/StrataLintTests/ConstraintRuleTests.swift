import StrataLint
import Testing

/// constraint-not-valid-missing, validate-in-same-transaction, unique-constraint-builds-index,
/// primary-key-nullable-columns, exclusion-constraint, foreign-key-missing-index.
@Suite struct ConstraintRuleTests {
    static let tables = """
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total int);
        CREATE INDEX orders_user_id ON orders (user_id);
        CREATE TABLE items (id bigint, sku text NOT NULL, name text);
        CREATE TABLE bookings (id bigint, room int, during tstzrange);
        """

    // MARK: - constraint-not-valid-missing

    @Test func checkWithoutNotValid() throws {
        let report = lint(Self.tables, "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0);")
        #expect(located(report) == ["constraint-not-valid-missing 1:24"])
        let found = try #require(finding("constraint-not-valid-missing", in: report))
        #expect(found.message.contains("adding total_positive to orders"))
        #expect(found.message.contains("ACCESS EXCLUSIVE"))
        #expect(found.hint.contains("VALIDATE CONSTRAINT total_positive"))
    }

    @Test func foreignKeyWithoutNotValid() throws {
        let report = lint(Self.tables, "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);")
        #expect(located(report) == ["constraint-not-valid-missing 1:24"])
        let found = try #require(finding("constraint-not-valid-missing", in: report))
        #expect(found.message.contains("adding orders_user to orders"))
        #expect(found.message.contains("SHARE ROW EXCLUSIVE"))
    }

    @Test func checkOfAnAddedColumn() throws {
        let report = lint(Self.tables, "ALTER TABLE orders ADD COLUMN discount int NOT NULL DEFAULT 0 CONSTRAINT discount_positive CHECK (discount >= 0);")
        #expect(located(report) == ["constraint-not-valid-missing 1:31"])
        #expect(try #require(report.findings.first).message.contains("new column orders.discount"))
    }

    @Test func referenceOfAnAddedColumnIsNotChecked() {
        // PostgreSQL skips validating a foreign key on a column it has just added (all NULL).
        let report = lint(Self.tables, "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id);\nCREATE INDEX orders_buyer_id ON orders (buyer_id);")
        #expect(located(report) == ["index-not-concurrent 2:1"])
    }

    @Test func constraintsAddedNotValidOrOnNewTables() {
        let report = lint(
            Self.tables,
            """
            ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
            ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
            CREATE TABLE payments (id bigint, order_id bigint REFERENCES orders, amount int CHECK (amount > 0));
            CREATE INDEX payments_order_id ON payments (order_id);
            ALTER TABLE payments ADD CONSTRAINT amount_small CHECK (amount < 1000000);
            """
        )
        #expect(located(report) == [])
    }

    // MARK: - validate-in-same-transaction

    static let addNotValid = "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;"
    static let validate = "ALTER TABLE orders VALIDATE CONSTRAINT total_positive;"

    @Test func validateInTheFileThatAddedIt() throws {
        let report = lint(Self.tables, Self.addNotValid + "\n" + Self.validate)
        #expect(located(report) == ["validate-in-same-transaction 2:20"])
        let found = try #require(finding("validate-in-same-transaction", in: report))
        #expect(found.message.contains("VALIDATE CONSTRAINT total_positive"))
        #expect(found.severity == .warning)
    }

    @Test func validateInALaterFile() {
        #expect(located(lint(Self.tables, Self.addNotValid, Self.validate)) == [])
        let each = lint(Self.tables, Self.addNotValid, Self.validate, configuration: configuration(mode: .each), asOneRun: true)
        #expect(located(each) == [])
    }

    @Test func validateInALaterFileOfTheSameBatchTransaction() {
        // `strata up` with transaction: batch runs both files in one transaction.
        let report = lint(Self.tables, Self.addNotValid, Self.validate, configuration: configuration(mode: .batch), asOneRun: true)
        #expect(located(report, withFile: true) == ["3.sql:validate-in-same-transaction 1:20"])
    }

    @Test func validateInANoTransactionFile() {
        // Each statement of a no-transaction file commits on its own.
        let report = lint(Self.tables, "-- strata:no-transaction\n" + Self.addNotValid + "\n" + Self.validate)
        #expect(located(report) == [])
    }

    // MARK: - unique-constraint-builds-index

    @Test func uniqueConstraintBuildsIndex() throws {
        let report = lint(Self.tables, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);")
        #expect(located(report) == ["unique-constraint-builds-index 1:23"])
        let found = try #require(finding("unique-constraint-builds-index", in: report))
        #expect(found.message.contains("ADD UNIQUE on users"))
        #expect(found.hint.contains("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email)"))
    }

    @Test func primaryKeyOnNotNullColumnBuildsIndex() {
        let report = lint(Self.tables, "ALTER TABLE items ADD PRIMARY KEY (sku);")
        #expect(located(report) == ["unique-constraint-builds-index 1:23"])
        #expect(report.findings.first?.message.contains("ADD PRIMARY KEY on items") == true)
    }

    @Test func uniqueColumnAddedToExistingTable() {
        let report = lint(Self.tables, "ALTER TABLE users ADD COLUMN handle text UNIQUE;")
        #expect(located(report) == ["unique-constraint-builds-index 1:30"])
        #expect(report.findings.first?.message.contains("users.handle with UNIQUE") == true)
    }

    @Test func uniqueConstraintUsingIndex() {
        let report = lint(
            Self.tables,
            "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);",
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"
        )
        #expect(located(report) == [])
    }

    @Test func uniqueConstraintOnNewTable() {
        let report = lint(Self.tables, "CREATE TABLE tags (id bigint, name text);\nALTER TABLE tags ADD UNIQUE (name), ADD PRIMARY KEY (id);")
        #expect(located(report) == [])
    }

    // MARK: - primary-key-nullable-columns

    static let itemsIdIndex = "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY items_id_idx ON items (id);"

    @Test func primaryKeyUsingIndexOnNullableColumn() throws {
        // The trap: USING INDEX builds nothing, but the key still makes id NOT NULL by scanning.
        let report = lint(Self.tables, Self.itemsIdIndex, "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;")
        #expect(located(report) == ["primary-key-nullable-columns 1:23"])
        let found = try #require(finding("primary-key-nullable-columns", in: report))
        #expect(found.message.contains("PRIMARY KEY on items makes id NOT NULL"))
        #expect(found.hint.contains("CHECK (id IS NOT NULL) NOT VALID"))
    }

    @Test func primaryKeyOnNullableColumnWithoutIndex() {
        let report = lint(Self.tables, "ALTER TABLE items ADD PRIMARY KEY (id);")
        #expect(located(report) == ["unique-constraint-builds-index 1:23", "primary-key-nullable-columns 1:23"])
    }

    @Test func primaryKeyUsingIndexOnNotNullColumn() {
        let report = lint(
            Self.tables,
            "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY items_sku_idx ON items (sku);",
            "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_sku_idx;"
        )
        #expect(located(report) == [])
    }

    @Test func primaryKeyUsingIndexOnColumnAddedInTheSameFile() {
        let report = lint(
            Self.tables,
            """
            ALTER TABLE items ADD COLUMN code int;
            UPDATE items SET code = id WHERE code IS NULL;
            CREATE UNIQUE INDEX items_code_idx ON items (code);
            ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_code_idx;
            """
        )
        #expect(located(report) == ["index-not-concurrent 3:1", "primary-key-nullable-columns 4:23"])
        #expect(report.findings.last?.message.contains("makes code NOT NULL") == true)
    }

    @Test func primaryKeyUsingIndexAfterValidatedCheck() {
        let files = [
            Self.tables, Self.itemsIdIndex,
            "ALTER TABLE items ADD CONSTRAINT id_not_null CHECK (id IS NOT NULL) NOT VALID;",
            "ALTER TABLE items VALIDATE CONSTRAINT id_not_null;",
            "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;",
        ]
        #expect(located(lint(files)) == [])
        #expect(located(lint(files, configuration: configuration(postgresVersion: 11))) == ["primary-key-nullable-columns 1:23"])
    }

    // MARK: - exclusion-constraint

    @Test func exclusionConstraintOnExistingTable() throws {
        let report = lint(Self.tables, "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);")
        #expect(located(report) == ["exclusion-constraint 1:26"])
        let found = try #require(finding("exclusion-constraint", in: report))
        #expect(found.message.contains("ADD EXCLUDE on bookings"))
        #expect(found.severity == .warning)
    }

    @Test func exclusionConstraintOnNewTable() {
        let report = lint(
            Self.tables,
            """
            CREATE TABLE slots (id bigint, during tstzrange, EXCLUDE USING gist (during WITH &&));
            CREATE TABLE rooms (id bigint, during tstzrange);
            ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (during WITH &&);
            """
        )
        #expect(located(report) == [])
    }

    // MARK: - foreign-key-missing-index

    @Test func foreignKeyWithoutIndex() throws {
        let report = lint(Self.tables, "CREATE TABLE addresses (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));")
        #expect(located(report) == ["foreign-key-missing-index 1:1"])
        let found = try #require(finding("foreign-key-missing-index", in: report))
        #expect(found.message.contains("addresses (user_id) → users"))
        #expect(found.hint.contains("CREATE INDEX CONCURRENTLY ON addresses (user_id)"))
    }

    @Test func foreignKeyAddedToExistingTableWithoutIndex() {
        let report = lint(Self.tables, "ALTER TABLE bookings ADD CONSTRAINT bookings_user FOREIGN KEY (room) REFERENCES users NOT VALID;")
        #expect(located(report) == ["foreign-key-missing-index 1:1"])
    }

    @Test func foreignKeyWithIndex() {
        let report = lint(
            Self.tables,
            """
            CREATE TABLE addresses (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), kind text);
            CREATE INDEX addresses_user_kind ON addresses (user_id, kind);
            CREATE TABLE notes (id bigint, user_id bigint, FOREIGN KEY (user_id) REFERENCES users, UNIQUE (user_id, id));
            ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users NOT VALID;
            """
        )
        #expect(located(report) == [])
    }

    @Test func foreignKeyWhoseColumnsAreNotTheIndexPrefix() {
        let report = lint(
            Self.tables,
            """
            CREATE TABLE addresses (id bigint PRIMARY KEY, user_id bigint, kind text, FOREIGN KEY (user_id) REFERENCES users);
            CREATE INDEX addresses_kind_user ON addresses (kind, user_id);
            """
        )
        #expect(located(report) == ["foreign-key-missing-index 1:1"])
    }

    @Test func anIndexInALaterFileCountsUnlessEachFileIsJudgedAsTheNewest() {
        let files = [
            LintFile(name: "1.sql", text: Self.tables, isReported: false),
            LintFile(name: "2.sql", text: "CREATE TABLE addresses (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));"),
            LintFile(name: "3.sql", text: "CREATE INDEX addresses_user ON addresses (user_id);"),
        ]
        let linter = Linter(configuration: LintConfiguration(postgresVersion: 15))
        #expect(located(linter.lint(files), withFile: true) == ["3.sql:index-not-concurrent 1:1"])
        // As the record of 2.sql states it: linted after 1.sql alone.
        #expect(
            located(linter.lint(files, eachFileAsNewest: true), withFile: true)
                == ["2.sql:foreign-key-missing-index 1:1", "3.sql:index-not-concurrent 1:1"]
        )
        #expect(located(lint(Self.tables, files[1].text), withFile: true) == ["2.sql:foreign-key-missing-index 1:1"])
    }
}
