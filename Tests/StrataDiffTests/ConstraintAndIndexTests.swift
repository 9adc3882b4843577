import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")
private let id = Column(name: "id", type: "integer", isNotNull: true)
private let price = Column(name: "price", type: "numeric")

private func schema(_ constraints: [Constraint] = [], indexes: [Index] = [], columns: [Column] = [id, price], kind: Table.Kind = .ordinary) -> Schema {
    F.schema(tables: [Table(name: t, kind: kind, partitionKey: kind == .partitioned ? "RANGE (id)" : nil, columns: columns, constraints: constraints, indexes: indexes)])
}

private let pkey = Constraint(name: "t_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "t_pkey")
private let check = Constraint(name: "price_positive", kind: .check, definition: "CHECK ((price > (0)::numeric))", columns: ["price"])
private let checkNotValid = Constraint(name: "price_positive", kind: .check, definition: "CHECK ((price > (0)::numeric)) NOT VALID", columns: ["price"], isValidated: false)
private let priceIndex = Index(name: F.name("t_price_idx"), table: t, definition: "CREATE INDEX t_price_idx ON public.t USING btree (price)", columns: ["price"])

@Suite struct ConstraintAndIndexTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "add a primary key to an existing table", from: schema(), to: schema([pkey]),
            sql: ["ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)"], hazards: [["blocking-lock", "index-build"]]
        ),
        DiffCase(
            "add a check", from: schema(), to: schema([check]),
            sql: ["ALTER TABLE public.t ADD CONSTRAINT price_positive CHECK ((price > (0)::numeric))"],
            hazards: [["blocking-lock", "validation-scan"]]
        ),
        DiffCase(
            "add a check NOT VALID: no scan", from: schema(), to: schema([checkNotValid]),
            sql: ["ALTER TABLE public.t ADD CONSTRAINT price_positive CHECK ((price > (0)::numeric)) NOT VALID"],
            hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "validate a NOT VALID check", from: schema([checkNotValid]), to: schema([check]),
            sql: ["ALTER TABLE public.t VALIDATE CONSTRAINT price_positive"], hazards: [[]]
        ),
        DiffCase(
            "changed check is dropped and added", from: schema([check]),
            to: schema([Constraint(name: "price_positive", kind: .check, definition: "CHECK ((price > (10)::numeric))", columns: ["price"])]),
            sql: [
                "ALTER TABLE public.t DROP CONSTRAINT price_positive",
                "ALTER TABLE public.t ADD CONSTRAINT price_positive CHECK ((price > (10)::numeric))",
            ],
            hazards: [["blocking-lock"], ["blocking-lock", "validation-scan"]]
        ),
        DiffCase(
            "dropping a primary key comes before dropping NOT NULL", from: schema([pkey]),
            to: schema(columns: [Column(name: "id", type: "integer"), price]),
            sql: ["ALTER TABLE public.t DROP CONSTRAINT t_pkey", "ALTER TABLE public.t ALTER COLUMN id DROP NOT NULL"]
        ),
        DiffCase(
            "NOT VALID check inside a new table is added after it", from: F.schema(), to: schema([checkNotValid]),
            sql: [
                "CREATE TABLE public.t (\n    id integer NOT NULL,\n    price numeric\n)",
                "ALTER TABLE public.t ADD CONSTRAINT price_positive CHECK ((price > (0)::numeric)) NOT VALID",
            ],
            hazards: [[], []]
        ),
        DiffCase(
            "create an index on an existing table", from: schema(), to: schema(indexes: [priceIndex]),
            sql: ["CREATE INDEX t_price_idx ON public.t USING btree (price)"], hazards: [["index-build"]]
        ),
        DiffCase(
            "create an index concurrently", from: schema(), to: schema(indexes: [priceIndex]),
            options: DiffOptions(concurrentIndexes: true),
            sql: ["CREATE INDEX CONCURRENTLY t_price_idx ON public.t USING btree (price)"], hazards: [[]]
        ),
        DiffCase(
            "drop an index concurrently", from: schema(indexes: [priceIndex]), to: schema(),
            options: DiffOptions(concurrentIndexes: true),
            sql: ["DROP INDEX CONCURRENTLY public.t_price_idx"], hazards: [[]]
        ),
        DiffCase(
            "drop an index", from: schema(indexes: [priceIndex]), to: schema(),
            sql: ["DROP INDEX public.t_price_idx"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "no concurrent index on a new table", from: F.schema(), to: schema(indexes: [priceIndex]),
            options: DiffOptions(concurrentIndexes: true),
            sql: ["CREATE TABLE public.t (\n    id integer NOT NULL,\n    price numeric\n)", "CREATE INDEX t_price_idx ON public.t USING btree (price)"],
            hazards: [[], []]
        ),
        DiffCase(
            "no concurrent index on a partitioned table", from: schema(kind: .partitioned),
            to: schema(indexes: [Index(name: F.name("t_price_idx"), table: t, definition: "CREATE INDEX t_price_idx ON ONLY public.t USING btree (price)", columns: ["price"], isPartitioned: true)], kind: .partitioned),
            options: DiffOptions(concurrentIndexes: true),
            sql: ["CREATE INDEX t_price_idx ON public.t USING btree (price)"]
        ),
        DiffCase(
            "changed index is rebuilt", from: schema(indexes: [priceIndex]),
            to: schema(indexes: [Index(name: F.name("t_price_idx"), table: t, definition: "CREATE UNIQUE INDEX t_price_idx ON public.t USING btree (price) WHERE (price IS NOT NULL)", isUnique: true, columns: ["price"])]),
            sql: ["DROP INDEX public.t_price_idx", "CREATE UNIQUE INDEX t_price_idx ON public.t USING btree (price) WHERE (price IS NOT NULL)"]
        ),
        DiffCase(
            "an invalid index is rebuilt", from: schema(indexes: [{ var index = priceIndex; index.isValid = false; return index }()]),
            to: schema(indexes: [priceIndex]),
            sql: ["DROP INDEX public.t_price_idx", "CREATE INDEX t_price_idx ON public.t USING btree (price)"]
        ),
        DiffCase(
            "index replaced by a primary key of the same name", from: schema(indexes: [Index(name: F.name("t_pkey"), table: t, definition: "CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)", isUnique: true, columns: ["id"])]),
            to: schema([pkey]),
            sql: ["DROP INDEX public.t_pkey", "ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)"]
        ),
        DiffCase(
            "constraint and index comments", from: schema([pkey], indexes: [priceIndex]),
            to: schema([{ var key = pkey; key.comment = "pk"; return key }()], indexes: [{ var index = priceIndex; index.comment = "by price"; return index }()]),
            sql: ["COMMENT ON CONSTRAINT t_pkey ON public.t IS 'pk'", "COMMENT ON INDEX public.t_price_idx IS 'by price'"]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }

    @Test func concurrentStatementsAreNotTransactional() throws {
        let plan = try SchemaDiffer.plan(from: schema(), to: schema(indexes: [priceIndex]), options: DiffOptions(concurrentIndexes: true))
        #expect(plan.statements.map(\.isTransactional) == [false])
        let plain = try SchemaDiffer.plan(from: schema(), to: schema(indexes: [priceIndex]))
        #expect(plain.statements.map(\.isTransactional) == [true])
    }
}
