import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")

private func schema(_ columns: Column..., sequences: [StrataSchema.Sequence] = [], routines: [Routine] = [], dependencies: [Dependency] = []) -> Schema {
    F.schema(sequences: sequences, tables: [Table(name: t, columns: columns)], routines: routines, dependencies: dependencies)
}

private let id = Column(name: "id", type: "integer", isNotNull: true)
private func identity(_ generation: Column.Identity.Generation, _ options: SequenceOptions = SequenceOptions(dataType: "integer", maxValue: 2147483647)) -> Column.Identity {
    Column.Identity(generation: generation, options: options)
}

@Suite struct ColumnTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "add a column", from: schema(id), to: schema(id, Column(name: "note", type: "text")),
            sql: ["ALTER TABLE public.t ADD COLUMN note text"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "column order is ignored", from: schema(id, Column(name: "b", type: "text")), to: schema(Column(name: "b", type: "text"), id),
            sql: []
        ),
        DiffCase(
            "add a column with a volatile default", from: schema(id),
            to: schema(id, Column(name: "token", type: "uuid", isNotNull: true, defaultExpression: "gen_random_uuid()")),
            sql: ["ALTER TABLE public.t ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL"],
            hazards: [["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "add a stored generated column", from: schema(id),
            to: schema(id, Column(name: "twice", type: "integer", generatedExpression: "(id * 2)")),
            sql: ["ALTER TABLE public.t ADD COLUMN twice integer GENERATED ALWAYS AS ((id * 2)) STORED"],
            hazards: [["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "drop a column", from: schema(id, Column(name: "note", type: "text")), to: schema(id),
            sql: ["ALTER TABLE public.t DROP COLUMN note"], hazards: [["data-loss", "blocking-lock"]]
        ),
        DiffCase(
            "widen varchar: no rewrite", from: schema(Column(name: "c", type: "character varying(10)")),
            to: schema(Column(name: "c", type: "character varying(20)")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE character varying(20) USING c::character varying(20)"],
            hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "varchar to text: no rewrite", from: schema(Column(name: "c", type: "character varying(10)")),
            to: schema(Column(name: "c", type: "text")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE text USING c::text"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "narrow varchar: data loss", from: schema(Column(name: "c", type: "character varying(20)")),
            to: schema(Column(name: "c", type: "character varying(5)")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE character varying(5) USING c::character varying(5)"],
            hazards: [["blocking-lock", "table-rewrite", "data-loss"]]
        ),
        DiffCase(
            "bigint to integer: narrowing rewrite", from: schema(Column(name: "c", type: "bigint")), to: schema(Column(name: "c", type: "integer")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE integer USING c::integer"],
            hazards: [["blocking-lock", "table-rewrite", "data-loss"]]
        ),
        DiffCase(
            "integer to bigint: rewrite", from: schema(Column(name: "c", type: "integer")), to: schema(Column(name: "c", type: "bigint")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE bigint USING c::bigint"], hazards: [["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "numeric scale reduced", from: schema(Column(name: "c", type: "numeric(10,4)")), to: schema(Column(name: "c", type: "numeric(10,2)")),
            sql: ["ALTER TABLE public.t ALTER COLUMN c TYPE numeric(10,2) USING c::numeric(10,2)"],
            hazards: [["blocking-lock", "table-rewrite", "data-loss"]]
        ),
        DiffCase(
            "type change with default, not null and collation",
            from: schema(Column(name: "c", type: "integer", defaultExpression: "0")),
            to: schema(Column(name: "c", type: "text", isNotNull: true, defaultExpression: "'none'::text", collation: QualifiedName("pg_catalog", "C"))),
            sql: [
                "ALTER TABLE public.t ALTER COLUMN c DROP DEFAULT",
                "ALTER TABLE public.t ALTER COLUMN c TYPE text COLLATE pg_catalog.\"C\" USING c::text",
                "ALTER TABLE public.t ALTER COLUMN c SET DEFAULT 'none'::text",
                "ALTER TABLE public.t ALTER COLUMN c SET NOT NULL",
            ],
            hazards: [["blocking-lock"], ["blocking-lock", "table-rewrite"], ["blocking-lock"], ["blocking-lock", "validation-scan"]]
        ),
        DiffCase(
            "set and drop defaults", from: schema(Column(name: "a", type: "integer", defaultExpression: "1"), Column(name: "b", type: "integer")),
            to: schema(Column(name: "a", type: "integer"), Column(name: "b", type: "integer", defaultExpression: "2")),
            sql: ["ALTER TABLE public.t ALTER COLUMN a DROP DEFAULT", "ALTER TABLE public.t ALTER COLUMN b SET DEFAULT 2"],
            hazards: [["blocking-lock"], ["blocking-lock"]]
        ),
        DiffCase(
            "drop not null", from: schema(id), to: schema(Column(name: "id", type: "integer")),
            sql: ["ALTER TABLE public.t ALTER COLUMN id DROP NOT NULL"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "add identity to a column with a default",
            from: schema(Column(name: "id", type: "integer", defaultExpression: "0")),
            to: schema(Column(name: "id", type: "integer", isNotNull: true, identity: identity(.byDefault))),
            sql: [
                "ALTER TABLE public.t ALTER COLUMN id DROP DEFAULT",
                "ALTER TABLE public.t ALTER COLUMN id SET NOT NULL",
                "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
            ]
        ),
        DiffCase(
            "drop identity", from: schema(Column(name: "id", type: "integer", isNotNull: true, identity: identity(.always))),
            to: schema(Column(name: "id", type: "integer", isNotNull: true)),
            sql: ["ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "identity always to by default, with options",
            from: schema(Column(name: "id", type: "integer", isNotNull: true, identity: identity(.always))),
            to: schema(Column(name: "id", type: "integer", isNotNull: true, identity: identity(.byDefault, SequenceOptions(dataType: "integer", start: 100, increment: 5, maxValue: 2147483647, cache: 10)))),
            sql: ["ALTER TABLE public.t ALTER COLUMN id SET GENERATED BY DEFAULT SET INCREMENT BY 5 SET START WITH 100 SET CACHE 10"]
        ),
        DiffCase(
            "identity column in a new table with options", from: F.schema(),
            to: schema(Column(name: "id", type: "bigint", isNotNull: true, identity: identity(.always, SequenceOptions(start: 1000, cycle: true)))),
            sql: ["CREATE TABLE public.t (\n    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 CYCLE) NOT NULL\n)"]
        ),
        DiffCase(
            "identity column widened keeps its options",
            from: schema(Column(name: "id", type: "integer", isNotNull: true, identity: identity(.always))),
            to: schema(Column(name: "id", type: "bigint", isNotNull: true, identity: identity(.always, SequenceOptions()))),
            sql: ["ALTER TABLE public.t ALTER COLUMN id TYPE bigint USING id::bigint"]
        ),
        DiffCase(
            "generated column stops being generated",
            from: schema(id, Column(name: "g", type: "text", generatedExpression: "'x'::text")),
            to: schema(id, Column(name: "g", type: "text")),
            sql: ["ALTER TABLE public.t ALTER COLUMN g DROP EXPRESSION"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "generation expression changes: drop and add again without data loss",
            from: schema(id, Column(name: "g", type: "integer", generatedExpression: "(id * 2)")),
            to: schema(id, Column(name: "g", type: "integer", generatedExpression: "(id * 3)")),
            sql: ["ALTER TABLE public.t DROP COLUMN g", "ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((id * 3)) STORED"],
            hazards: [["blocking-lock"], ["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "a stored column becomes generated: data loss",
            from: schema(id, Column(name: "g", type: "integer")),
            to: schema(id, Column(name: "g", type: "integer", generatedExpression: "(id * 3)")),
            sql: ["ALTER TABLE public.t DROP COLUMN g", "ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((id * 3)) STORED"],
            hazards: [["data-loss", "blocking-lock"], ["blocking-lock", "table-rewrite"]]
        ),
        DiffCase(
            "column comment", from: schema(id), to: schema(Column(name: "id", type: "integer", isNotNull: true, comment: "key")),
            sql: ["COMMENT ON COLUMN public.t.id IS 'key'"], hazards: [[]]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
