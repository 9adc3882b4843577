import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: tables and columns")
struct TableInspectionTests {
    @Test func columnsInOrderWithTypesDefaultsAndComments() async throws {
        let schema = try await Inspection.schema([
            "CREATE TYPE mood AS ENUM ('sad', 'ok')",
            "CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
            """
            CREATE TABLE t (
                id bigint NOT NULL,
                name varchar(255) COLLATE "C" DEFAULT 'x',
                amount numeric(10,2) DEFAULT 0,
                mood mood DEFAULT 'ok',
                moods mood[],
                at timestamptz DEFAULT now(),
                total integer GENERATED ALWAYS AS (add(id::int, 2)) STORED,
                dropped int,
                tags text[] NOT NULL DEFAULT '{}'
            )
            """,
            "ALTER TABLE t DROP COLUMN dropped",
            "ALTER TABLE t ADD COLUMN later boolean DEFAULT true",
            "COMMENT ON TABLE t IS 'a table'",
            "COMMENT ON COLUMN t.amount IS 'in cents'",
        ])
        let table = try Inspection.table(schema, "public.t")
        #expect(table.comment == "a table")
        #expect(table.kind == .ordinary)
        #expect(table.columns.map(\.ignoringTypeStorage) == [
            Column(name: "id", type: "bigint", isNotNull: true),
            Column(
                name: "name", type: "character varying(255)", defaultExpression: "'x'::character varying",
                collation: QualifiedName("pg_catalog", "C")
            ),
            Column(name: "amount", type: "numeric(10,2)", defaultExpression: "0", comment: "in cents"),
            Column(name: "mood", type: "public.mood", defaultExpression: "'ok'::public.mood"),
            Column(name: "moods", type: "public.mood[]"),
            Column(name: "at", type: "timestamp with time zone", defaultExpression: "now()"),
            Column(name: "total", type: "integer", generatedExpression: "public.add((id)::integer, 2)"),
            Column(name: "tags", type: "text[]", isNotNull: true, defaultExpression: "'{}'::text[]"),
            Column(name: "later", type: "boolean", defaultExpression: "true"),
        ])
        // Each column carries its type's own storage, what SET STORAGE goes back to.
        #expect(table.columns.map { $0.typeStorage ?? "-" } == ["plain", "extended", "main", "plain", "extended", "plain", "plain", "extended", "plain"])
    }

    @Test func storageOptionsPersistenceAndRowSecurity() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE t (id int) WITH (fillfactor = 70, autovacuum_enabled = false)",
            "CREATE UNLOGGED TABLE u (id int)",
            "ALTER TABLE u ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE u FORCE ROW LEVEL SECURITY",
        ])
        let t = try Inspection.table(schema, "public.t")
        #expect(t.options == ["autovacuum_enabled=false", "fillfactor=70"])
        #expect(!t.isUnlogged && !t.rowSecurity && !t.forceRowSecurity)
        let u = try Inspection.table(schema, "public.u")
        #expect(u.isUnlogged && u.rowSecurity && u.forceRowSecurity)
        #expect(u.options.isEmpty)
    }

    @Test func partitionedTablesAndPartitions() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at)",
            "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE events_default PARTITION OF events DEFAULT",
            "CREATE TABLE by_kind (kind text, n int) PARTITION BY LIST (kind)",
            "CREATE TABLE by_kind_a PARTITION OF by_kind FOR VALUES IN ('a', 'b') PARTITION BY HASH (n)",
            "CREATE TABLE by_kind_a_0 PARTITION OF by_kind_a FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
        ])
        let events = try Inspection.table(schema, "public.events")
        #expect(events.kind == .partitioned)
        #expect(events.partitionKey == "RANGE (at)")
        #expect(events.partitionOf == nil)
        let y2024 = try Inspection.table(schema, "public.events_2024")
        #expect(y2024.kind == .ordinary)
        #expect(y2024.partitionOf == Table.Partition(
            parent: QualifiedName("public", "events"), bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
        ))
        #expect(y2024.inherits.isEmpty)
        #expect(y2024.columns.map(\.isLocal) == [false, false, false])
        #expect(y2024.columns.map(\.name) == ["id", "at", "kind"])
        #expect(try Inspection.table(schema, "public.events_default").partitionOf?.bound == "DEFAULT")
        let byKindA = try Inspection.table(schema, "public.by_kind_a")
        #expect(byKindA.kind == .partitioned)
        #expect(byKindA.partitionKey == "HASH (n)")
        #expect(byKindA.partitionOf?.bound == "FOR VALUES IN ('a', 'b')")
        #expect(try Inspection.table(schema, "public.by_kind_a_0").partitionOf == Table.Partition(
            parent: QualifiedName("public", "by_kind_a"), bound: "FOR VALUES WITH (modulus 2, remainder 0)"
        ))
        #expect(schema.dependencies.contains(Dependency(from: .table(QualifiedName("public", "events_2024")), to: .table(QualifiedName("public", "events")))))
    }

    @Test func plainInheritanceInOrder() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE b_parent (a int)",
            "CREATE TABLE a_parent (b int)",
            "CREATE TABLE child (c int) INHERITS (b_parent, a_parent)",
        ])
        let child = try Inspection.table(schema, "public.child")
        #expect(child.inherits == [QualifiedName("public", "b_parent"), QualifiedName("public", "a_parent")])
        #expect(child.partitionOf == nil)
        #expect(child.columns.map { "\($0.name) \($0.isLocal)" } == ["a false", "b false", "c true"])
    }

    @Test func mixedCaseAndQuotedNamesRoundTrip() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA \"My Schema\"",
            "CREATE TABLE \"My Schema\".\"Mixed \"\"Q\"\" Name\" (\"Col One\" int PRIMARY KEY, \"x\"\"y\" text, \"UPPER\" int)",
            "CREATE INDEX \"Idx Name\" ON \"My Schema\".\"Mixed \"\"Q\"\" Name\" (\"x\"\"y\")",
            "CREATE SEQUENCE \"My Schema\".\"Seq.Dot\"",
        ])
        let table = try #require(schema.tables.first)
        #expect(table.name == QualifiedName("My Schema", "Mixed \"Q\" Name"))
        #expect(table.columns.map(\.name) == ["Col One", "x\"y", "UPPER"])
        #expect(table.constraints.map(\.name) == ["Mixed \"Q\" Name_pkey"])
        #expect(table.constraints.first?.definition == "PRIMARY KEY (\"Col One\")")
        #expect(table.constraints.first?.columns == ["Col One"])
        #expect(table.indexes.map(\.name) == [QualifiedName("My Schema", "Idx Name")])
        #expect(table.indexes.first?.definition == "CREATE INDEX \"Idx Name\" ON \"My Schema\".\"Mixed \"\"Q\"\" Name\" USING btree (\"x\"\"y\")")
        #expect(table.indexes.first?.columns == ["x\"y"])
        #expect(schema.sequences.map(\.name) == [QualifiedName("My Schema", "Seq.Dot")])
        #expect(schema.namespaces.map(\.name) == ["My Schema", "public"])
    }
}
