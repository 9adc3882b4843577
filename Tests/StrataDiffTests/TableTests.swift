import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")

private func table(_ columns: [Column], constraints: [Constraint] = [], _ configure: (inout Table) -> Void = { _ in }) -> Table {
    var table = Table(name: t, columns: columns, constraints: constraints)
    configure(&table)
    return table
}

private func schema(_ tables: Table...) -> Schema { F.schema(tables: tables) }

private let id = Column(name: "id", type: "integer", isNotNull: true)

@Suite struct TableTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "create a columnless table", from: schema(), to: schema(table([])),
            sql: ["CREATE TABLE public.t ()"], hazards: [[]]
        ),
        DiffCase(
            "drop a table", from: schema(table([id])), to: schema(),
            sql: ["DROP TABLE public.t"], hazards: [["data-loss"]]
        ),
        DiffCase(
            "unlogged table with options", from: schema(),
            to: schema(table([id]) { $0.isUnlogged = true; $0.options = ["autovacuum_enabled=false", "fillfactor=70"] }),
            sql: ["CREATE UNLOGGED TABLE public.t (\n    id integer NOT NULL\n) WITH (autovacuum_enabled = 'false', fillfactor = '70')"]
        ),
        DiffCase(
            "set logged and unlogged", from: schema(table([id]) { $0.isUnlogged = true }), to: schema(table([id])),
            sql: ["ALTER TABLE public.t SET LOGGED"], hazards: [["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "set unlogged", from: schema(table([id])), to: schema(table([id]) { $0.isUnlogged = true }),
            sql: ["ALTER TABLE public.t SET UNLOGGED"], hazards: [["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "set and reset storage parameters", from: schema(table([id]) { $0.options = ["autovacuum_enabled=false", "fillfactor=70"] }),
            to: schema(table([id]) { $0.options = ["fillfactor=50", "toast.autovacuum_enabled=true"] }),
            sql: [
                "ALTER TABLE public.t RESET (autovacuum_enabled)",
                "ALTER TABLE public.t SET (fillfactor = '50', toast.autovacuum_enabled = 'true')",
            ],
            hazards: [["blocking-lock"], ["blocking-lock"]]
        ),
        DiffCase(
            "row level security on a new table", from: schema(),
            to: schema(table([id]) { $0.rowSecurity = true; $0.forceRowSecurity = true }),
            sql: [
                "CREATE TABLE public.t (\n    id integer NOT NULL\n)",
                "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE public.t FORCE ROW LEVEL SECURITY",
            ],
            hazards: [[], [], []]
        ),
        DiffCase(
            "disable and no force row level security", from: schema(table([id]) { $0.rowSecurity = true; $0.forceRowSecurity = true }),
            to: schema(table([id])),
            sql: ["ALTER TABLE public.t DISABLE ROW LEVEL SECURITY", "ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY"],
            hazards: [["blocking-lock"], ["blocking-lock"]]
        ),
        DiffCase(
            "table comment set, changed and removed", from: schema(table([id]) { $0.comment = "old" }),
            to: schema(table([id]) { $0.comment = "it's new" }),
            sql: ["COMMENT ON TABLE public.t IS 'it''s new'"], hazards: [[]]
        ),
        DiffCase(
            "table comment removed", from: schema(table([id]) { $0.comment = "old" }), to: schema(table([id])),
            sql: ["COMMENT ON TABLE public.t IS NULL"]
        ),
        DiffCase(
            "new table with comments on it and its column", from: schema(),
            to: schema(table([Column(name: "id", type: "integer", comment: "the key")]) { $0.comment = "things" }),
            sql: [
                "CREATE TABLE public.t (\n    id integer\n)",
                "COMMENT ON TABLE public.t IS 'things'",
                "COMMENT ON COLUMN public.t.id IS 'the key'",
            ]
        ),
        DiffCase(
            "partitioned table becomes ordinary: rebuilt",
            from: schema(table([id]) { $0.kind = .partitioned; $0.partitionKey = "RANGE (id)" }),
            to: schema(table([id])),
            sql: ["DROP TABLE public.t", "CREATE TABLE public.t (\n    id integer NOT NULL\n)"],
            hazards: [["data-loss"], []]
        ),
        DiffCase(
            "partition key change rebuilds",
            from: schema(table([id]) { $0.kind = .partitioned; $0.partitionKey = "RANGE (id)" }),
            to: schema(table([id]) { $0.kind = .partitioned; $0.partitionKey = "LIST (id)" }),
            sql: ["DROP TABLE public.t", "CREATE TABLE public.t (\n    id integer NOT NULL\n) PARTITION BY LIST (id)"],
            hazards: [["data-loss"], []]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
