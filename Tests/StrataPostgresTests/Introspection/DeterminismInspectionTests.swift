import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

@Suite("SchemaInspector: determinism and the session")
struct DeterminismInspectionTests {
    static let inOrder = [
        "CREATE SCHEMA app",
        "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
        "CREATE SEQUENCE app.counter",
        "CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
        "CREATE TABLE app.users (id int PRIMARY KEY, email text NOT NULL, mood app.mood DEFAULT 'ok', n bigint DEFAULT nextval('app.counter'))",
        "CREATE TABLE app.orders (id int PRIMARY KEY, user_id int REFERENCES app.users, amount numeric CHECK (amount > 0))",
        "CREATE INDEX orders_user ON app.orders (user_id)",
        "CREATE UNIQUE INDEX users_email ON app.users (lower(email))",
        "CREATE VIEW app.totals AS SELECT u.id, app.add(u.id, 1) AS next, sum(o.amount) AS total FROM app.users u JOIN app.orders o ON o.user_id = u.id GROUP BY u.id",
        "COMMENT ON TABLE app.users IS 'people'",
        "COMMENT ON COLUMN app.users.email IS 'mail'",
    ]

    /// The same objects created in another order, with columns added by ALTER TABLE.
    static let otherOrder = [
        "CREATE SCHEMA app",
        "CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
        "CREATE SEQUENCE app.counter",
        "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
        "CREATE TABLE app.users (email text NOT NULL)",
        "COMMENT ON COLUMN app.users.email IS 'mail'",
        "ALTER TABLE app.users ADD COLUMN n bigint DEFAULT nextval('app.counter')",
        "ALTER TABLE app.users ADD COLUMN id int PRIMARY KEY",
        "CREATE UNIQUE INDEX users_email ON app.users (lower(email))",
        "ALTER TABLE app.users ADD COLUMN mood app.mood DEFAULT 'ok'",
        "CREATE TABLE app.orders (amount numeric CHECK (amount > 0))",
        "ALTER TABLE app.orders ADD COLUMN user_id int REFERENCES app.users",
        "CREATE INDEX orders_user ON app.orders (user_id)",
        "ALTER TABLE app.orders ADD COLUMN id int PRIMARY KEY",
        "COMMENT ON TABLE app.users IS 'people'",
        "CREATE VIEW app.totals AS SELECT u.id, app.add(u.id, 1) AS next, sum(o.amount) AS total FROM app.users u JOIN app.orders o ON o.user_id = u.id GROUP BY u.id",
    ]

    @Test func inspectingTwiceGivesEqualSchemas() async throws {
        try await Inspection.withSession { session in
            try await Inspection.load(Self.inOrder, into: session)
            let first = try await SchemaInspector().inspect(session)
            let second = try await SchemaInspector().inspect(session)
            #expect(first == second)
            #expect(first == first.sorted())
        }
    }

    @Test func creationOrderDoesNotMatterExceptForColumnOrder() async throws {
        let one = try await Inspection.schema(Self.inOrder, label: "creationOrderOne")
        let two = try await Inspection.schema(Self.otherOrder, label: "creationOrderTwo")
        #expect(one.tables.map { $0.columns.map(\.name) } == [["id", "user_id", "amount"], ["id", "email", "mood", "n"]])
        #expect(two.tables.map { $0.columns.map(\.name) } == [["amount", "user_id", "id"], ["email", "n", "id", "mood"]])
        #expect(Self.withColumnsByName(one) == Self.withColumnsByName(two))
        #expect(!one.dependencies.isEmpty)
    }

    @Test func everyListIsSorted() async throws {
        let schema = try await Inspection.schema(Self.inOrder + [
            "CREATE SCHEMA \"Zed\"", "CREATE SCHEMA \"Able\"", "CREATE TABLE \"Zed\".b (id int)", "CREATE TABLE \"Able\".a (id int)",
            "CREATE FUNCTION app.add(a bigint, b bigint) RETURNS bigint LANGUAGE sql AS 'SELECT a + b'",
        ])
        func isSorted<T>(_ values: [T], by key: (T) -> String) -> Bool {
            zip(values, values.dropFirst()).allSatisfy { Array(key($0).utf8).lexicographicallyPrecedes(Array(key($1).utf8)) }
        }
        #expect(isSorted(schema.namespaces, by: \.name))
        #expect(zip(schema.tables, schema.tables.dropFirst()).allSatisfy { $0.name < $1.name })
        #expect(zip(schema.routines, schema.routines.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(zip(schema.dependencies, schema.dependencies.dropFirst()).allSatisfy { $0 < $1 })
        for table in schema.tables {
            #expect(isSorted(table.constraints, by: \.name))
            #expect(zip(table.indexes, table.indexes.dropFirst()).allSatisfy { $0.name < $1.name })
        }
        #expect(schema == schema.sorted())
    }

    @Test func fixedNumberOfQueriesInOneReadOnlyTransaction() async throws {
        try await Inspection.withSession { session in
            try await Inspection.load(Self.inOrder, into: session)
            let counting = CountingSession(session)
            _ = try await SchemaInspector().inspect(counting)
            // The catalog queries, and one that sets search_path and reads the server's version.
            #expect(await counting.queries == SchemaInspector.queryCount + 1)
            #expect(await counting.statements == ["BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "COMMIT"])
            // More objects, same number of queries.
            try await Inspection.load(LargeSchema.statements(tables: 20), into: session)
            let again = CountingSession(session)
            _ = try await SchemaInspector().inspect(again)
            #expect(await again.queries == SchemaInspector.queryCount + 1)
        }
    }

    @Test func theSessionIsLeftAsItWas() async throws {
        try await Inspection.withSession { session in
            try await session.execute("SET search_path = app, public")
            try await session.execute("CREATE SCHEMA app")
            try await session.execute("CREATE TABLE t (id int)")
            let schema = try await SchemaInspector().inspect(session)
            #expect(schema.tables.map(\.name) == [QualifiedName("app", "t")])
            #expect(try await session.scalar("SHOW search_path") == "app, public")
            #expect(try await session.scalar("SHOW transaction_isolation") == "read committed")
            try await Inspection.expectOutsideTransaction(session)
        }
    }

    @Test func aFailingQueryRollsBack() async throws {
        try await Inspection.withSession { session in
            try await session.execute("CREATE TABLE t (id int)")
            let failing = CountingSession(session, failOnQuery: 5)
            await #expect(throws: DatabaseError.self) { _ = try await SchemaInspector().inspect(failing) }
            #expect(await failing.statements.last == "ROLLBACK")
            try await Inspection.expectOutsideTransaction(session)
            #expect(try await SchemaInspector().inspect(session).tables.count == 1)
        }
    }

    static func withColumnsByName(_ schema: Schema) -> Schema {
        var copy = schema
        for index in copy.tables.indices {
            copy.tables[index].columns.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        return copy
    }
}
