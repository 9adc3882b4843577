import StrataLint
import Testing

/// index-not-concurrent, drop-index-not-concurrent, concurrent-index-if-not-exists.
@Suite struct IndexRuleTests {
    static let users = """
        CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);
        CREATE INDEX users_name ON users (name);
        """

    // MARK: - index-not-concurrent

    @Test func indexOnExistingTable() throws {
        let report = lint(Self.users, "-- users are looked up by email\nCREATE INDEX users_email ON users (email);")
        #expect(located(report) == ["index-not-concurrent 2:1"])
        let found = try #require(finding("index-not-concurrent", in: report))
        #expect(found.severity == .error)
        #expect(found.message.contains("existing table users"))
        #expect(found.hint.contains("CREATE INDEX CONCURRENTLY users_email ON users"))
        #expect(found.statement == "CREATE INDEX users_email ON users (email)")
        #expect(found.file == "2.sql")
    }

    @Test func indexOnTableCreatedInTheSameFileIsNotFlagged() {
        let report = lint(
            Self.users,
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
            CREATE INDEX orders_user_id ON orders (user_id);
            CREATE UNIQUE INDEX orders_id_user ON public.orders (id, user_id);
            """
        )
        #expect(located(report) == [])
    }

    @Test func indexOnTableCreatedInAnEarlierFileIsFlagged() {
        // A table is existing once the file that created it has run: the next file may meet rows.
        let report = lint(
            Self.users, "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);", "CREATE INDEX ON orders (user_id);"
        )
        #expect(located(report) == ["index-not-concurrent 1:1"])
    }

    @Test func indexOnMaterializedViewCreatedInTheSameFileIsNotFlagged() {
        let report = lint(
            Self.users,
            """
            CREATE MATERIALIZED VIEW IF NOT EXISTS public.user_names AS SELECT name, count(*) AS n FROM users GROUP BY name;
            CREATE UNIQUE INDEX user_names_name_key ON user_names USING btree (name);
            """
        )
        #expect(located(report) == [])
    }

    @Test func indexOnExistingMaterializedViewNamesTheRefreshItBlocks() throws {
        let report = lint(
            Self.users, "CREATE MATERIALIZED VIEW user_names (name, n) AS SELECT name, count(*) FROM users GROUP BY name;",
            "CREATE INDEX user_names_n ON user_names (n);"
        )
        #expect(located(report) == ["index-not-concurrent 1:1"])
        let found = try #require(finding("index-not-concurrent", in: report))
        #expect(found.message.contains("existing materialized view user_names") && found.message.contains("REFRESH MATERIALIZED VIEW waits"))
        #expect(found.hint.contains("CREATE INDEX CONCURRENTLY user_names_n ON user_names"))
        #expect(found.file == "3.sql")
    }

    @Test func concurrentIndexIsNotFlagged() {
        let report = lint(Self.users, "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);")
        #expect(located(report) == [])
    }

    @Test func tableUnknownToTheMigrationsCountsAsExisting() {
        let report = lint("CREATE INDEX legacy_code ON legacy (code);")
        #expect(located(report) == ["index-not-concurrent 1:1"])
        #expect(report.findings.first?.message.contains("legacy") == true)
    }

    @Test func schemaQualifiedNamesResolveLikeUnqualifiedOnes() {
        // `users` and `public.users` are the same table; `app.users` is another one.
        let report = lint(
            Self.users,
            """
            CREATE TABLE app.users (id bigint);
            CREATE INDEX ON app.users (id);
            CREATE INDEX ON public.users (email);
            """
        )
        #expect(located(report) == ["index-not-concurrent 3:1"])
        #expect(report.findings.first?.message.contains("public.users") == true)
    }

    @Test func partitionedTable() {
        let events = """
            CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """
        let everyPartition = lint(events, "CREATE INDEX events_at ON events (at);")
        #expect(located(everyPartition) == ["index-not-concurrent 1:1"])
        #expect(everyPartition.findings.first?.message.contains("partitioned table events") == true)
        #expect(everyPartition.findings.first?.hint.contains("ON ONLY events") == true)

        let parentOnly = lint(events, "CREATE INDEX events_at ON ONLY events (at);")
        #expect(located(parentOnly) == [])
    }

    // MARK: - drop-index-not-concurrent

    @Test func dropIndexOfExistingTable() throws {
        let report = lint(Self.users, "DROP INDEX users_name;")
        #expect(located(report) == ["drop-index-not-concurrent 1:1"])
        let found = try #require(finding("drop-index-not-concurrent", in: report))
        #expect(found.severity == .warning)
        #expect(found.message.contains("users_name"))
        #expect(found.message.contains("on public.users"))
        #expect(found.hint.contains("DROP INDEX CONCURRENTLY IF EXISTS users_name"))
    }

    @Test func dropIndexConcurrentlyIsNotFlagged() {
        let report = lint(Self.users, "-- strata:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS users_name;")
        #expect(located(report) == [])
    }

    @Test func dropIndexCreatedInTheSameFile() {
        // The lock is on the table, which is existing even though the index is new; an index on a
        // table of the same file is not flagged.
        let report = lint(
            Self.users,
            """
            CREATE INDEX users_email ON users (email);
            DROP INDEX users_email;
            CREATE TABLE scratch (id int);
            CREATE INDEX scratch_id ON scratch (id);
            DROP INDEX scratch_id;
            """
        )
        #expect(located(report) == ["index-not-concurrent 1:1", "drop-index-not-concurrent 2:1"])
    }

    @Test func dropIndexUnknownToTheMigrationsCountsAsExisting() {
        let report = lint("DROP INDEX IF EXISTS legacy_code, legacy_name;")
        #expect(located(report) == ["drop-index-not-concurrent 1:1", "drop-index-not-concurrent 1:1"])
        #expect(report.findings.map(\.message).allSatisfy { $0.contains("on its table:") })
    }

    // MARK: - concurrent-index-if-not-exists

    @Test func concurrentIfNotExists() throws {
        let report = lint(Self.users, "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);")
        #expect(located(report) == ["concurrent-index-if-not-exists 2:1"])
        let found = try #require(finding("concurrent-index-if-not-exists", in: report))
        #expect(found.severity == .warning)
        #expect(found.message.contains("INVALID index named users_email"))
        #expect(found.hint.contains("DROP INDEX CONCURRENTLY IF EXISTS users_email"))
    }

    @Test func ifNotExistsWithoutConcurrentlyIsNotThisRule() {
        let concurrentOnly = lint(Self.users, "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);")
        #expect(located(concurrentOnly) == [])
        let ifNotExistsOnly = lint(Self.users, "CREATE TABLE t (a int);\nCREATE INDEX IF NOT EXISTS t_a ON t (a);")
        #expect(located(ifNotExistsOnly) == [])
    }
}
