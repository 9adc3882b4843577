import Foundation
import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures

/// Hostile names: embedded quotes, mixed case, keywords, spaces.
@Suite struct QuotingTests {
    static let weird = QualifiedName("My Schema", "we\"ird")
    static let keyword = QualifiedName("public", "order")

    static let cases: [DiffCase] = [
        DiffCase(
            "hostile table, column, constraint and index names",
            from: F.schema(namespaces: [Namespace(name: "public"), Namespace(name: "My Schema")]),
            to: F.schema(
                namespaces: [Namespace(name: "public"), Namespace(name: "My Schema")],
                tables: [Table(
                    name: weird,
                    columns: [Column(name: "Select", type: "integer", isNotNull: true), Column(name: "user", type: "text", comment: "it's")],
                    constraints: [Constraint(name: "pk\"", kind: .primaryKey, definition: "PRIMARY KEY (\"Select\")", columns: ["Select"])],
                    indexes: [Index(name: QualifiedName("My Schema", "Idx"), table: weird, definition: "CREATE INDEX \"Idx\" ON \"My Schema\".\"we\"\"ird\" USING btree (\"user\")", columns: ["user"])],
                    triggers: [], policies: [Policy(name: "p\"", roles: ["Role\"X"], using: "true")]
                )]
            ),
            sql: [
                "CREATE TABLE \"My Schema\".\"we\"\"ird\" (\n    \"Select\" integer NOT NULL,\n    \"user\" text,\n    CONSTRAINT \"pk\"\"\" PRIMARY KEY (\"Select\")\n)",
                "CREATE INDEX \"Idx\" ON \"My Schema\".\"we\"\"ird\" USING btree (\"user\")",
                "CREATE POLICY \"p\"\"\" ON \"My Schema\".\"we\"\"ird\" AS PERMISSIVE FOR ALL TO \"Role\"\"X\" USING (true)",
                "COMMENT ON COLUMN \"My Schema\".\"we\"\"ird\".\"user\" IS 'it''s'",
            ]
        ),
        DiffCase(
            "keyword table: alter, rename column and drop",
            from: F.schema(tables: [Table(name: keyword, columns: [Column(name: "from", type: "integer"), Column(name: "Gone", type: "text")])]),
            to: F.schema(tables: [Table(name: keyword, columns: [Column(name: "from", type: "bigint", defaultExpression: "0")])]),
            sql: [
                "ALTER TABLE public.\"order\" DROP COLUMN \"Gone\"",
                "ALTER TABLE public.\"order\" ALTER COLUMN \"from\" TYPE bigint USING \"from\"::bigint",
                "ALTER TABLE public.\"order\" ALTER COLUMN \"from\" SET DEFAULT 0",
            ]
        ),
        DiffCase(
            "hostile enum labels and type names",
            from: F.schema(enums: [EnumType(name: QualifiedName("public", "Mood"), labels: ["o'k"])]),
            to: F.schema(enums: [EnumType(name: QualifiedName("public", "Mood"), labels: ["o'k", "\"bad\""])]),
            sql: ["ALTER TYPE public.\"Mood\" ADD VALUE '\"bad\"'"]
        ),
        DiffCase(
            "hostile schema and sequence",
            from: F.schema(),
            to: F.schema(namespaces: [Namespace(name: "public"), Namespace(name: "a\"b")], sequences: [StrataSchema.Sequence(name: QualifiedName("a\"b", "Seq"), comment: "x")]),
            sql: [
                "CREATE SCHEMA \"a\"\"b\"",
                "CREATE SEQUENCE \"a\"\"b\".\"Seq\" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE",
                "COMMENT ON SEQUENCE \"a\"\"b\".\"Seq\" IS 'x'",
            ]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}

@Suite struct RenameTests {
    static let t = F.name("t")
    static let source = F.schema(tables: [Table(
        name: F.name("old_t"),
        columns: [Column(name: "id", type: "integer", isNotNull: true), Column(name: "mail", type: "text")],
        constraints: [Constraint(name: "t_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"])],
        indexes: [Index(name: F.name("t_mail_idx"), table: F.name("old_t"), definition: "CREATE INDEX t_mail_idx ON public.old_t USING btree (mail)", columns: ["mail"])]
    )])
    static let target = F.schema(tables: [Table(
        name: t,
        columns: [Column(name: "id", type: "integer", isNotNull: true), Column(name: "email", type: "text")],
        constraints: [Constraint(name: "t_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"])],
        indexes: [Index(name: F.name("t_mail_idx"), table: t, definition: "CREATE INDEX t_mail_idx ON public.t USING btree (email)", columns: ["email"])]
    )])

    @Test func renamesTableAndColumn() throws {
        let options = DiffOptions(renames: [.table(F.name("old_t"), to: "t"), .column(Self.t, from: "mail", to: "email")])
        let plan = try F.plan(Self.source, Self.target, options: options)
        #expect(plan.statements.map(\.sql) == [
            "ALTER TABLE public.old_t RENAME TO t",
            "ALTER TABLE public.t RENAME COLUMN mail TO email",
        ])
        #expect(plan.statements.map { $0.action } == ["rename", "rename"])
        #expect(!plan.hazards.contains { $0.code == .dataLoss })
    }

    @Test func withoutRenamesItDropsAndAdds() throws {
        let plan = try F.plan(Self.source, Self.target)
        #expect(plan.statements.map(\.sql) == [
            "DROP TABLE public.old_t",
            "CREATE TABLE public.t (\n    id integer NOT NULL,\n    email text,\n    CONSTRAINT t_pkey PRIMARY KEY (id)\n)",
            "CREATE INDEX t_mail_idx ON public.t USING btree (email)",
        ])
        #expect(plan.hazards.map(\.code) == [.dataLoss])
    }

    @Test func candidates() {
        #expect(SchemaDiffer.renameCandidates(from: Self.source, to: Self.target) == [])
        var renamedTable = Self.source
        renamedTable.tables[0].columns[1].name = "email"
        #expect(SchemaDiffer.renameCandidates(from: renamedTable, to: Self.target) == [.table(F.name("old_t"), to: "t")])
        var sameTable = Self.target
        sameTable.tables[0].columns[1].name = "mail"
        #expect(SchemaDiffer.renameCandidates(from: sameTable, to: Self.target) == [.column(Self.t, from: "mail", to: "email")])
    }

    @Test func invalidRenamesThrow() {
        #expect(throws: PlanError.self) {
            try F.plan(Self.source, Self.target, options: DiffOptions(renames: [.table(F.name("missing"), to: "t")]))
        }
        #expect(throws: PlanError.self) {
            try F.plan(Self.source, Self.target, options: DiffOptions(renames: [.column(F.name("old_t"), from: "id", to: "mail")]))
        }
    }

    @Test func diffListsTheSameChangesUnordered() throws {
        let options = DiffOptions(renames: [.table(F.name("old_t"), to: "t"), .column(Self.t, from: "mail", to: "email")])
        let changes = SchemaDiffer.diff(from: Self.source, to: Self.target, options: options)
        let planned = try F.plan(Self.source, Self.target, options: options).changes
        #expect(Set(changes) == Set(planned))
        #expect(changes.count == planned.count)
    }
}

@Suite struct PlanEncodingTests {
    @Test func planIsCodableAndRendersAScript() throws {
        let plan = try F.plan(F.schema(), F.schema(enums: [F.orderStatus], tables: [F.users, F.orders]))
        let data = try JSONEncoder().encode(plan)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        #expect(decoded == plan)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"hazards\""))
        #expect(plan.sql().hasSuffix(");\n"))
        #expect(plan.sql().components(separatedBy: ";\n\n").count == plan.statements.count)
        #expect(Plan().sql() == "")
    }

    @Test func hazardCodesAreStable() {
        #expect(Hazard.Code.all.map(\.rawValue) == ["data-loss", "table-rewrite", "blocking-lock", "index-build", "validation-scan", "enum-value-added", "privilege-revoked", "owner-changed", "sequence-restart"])
    }

    @Test func emptyWhenEqual() throws {
        let schema = F.schema(enums: [F.orderStatus], tables: [F.users, F.orders])
        #expect(try F.plan(schema, schema).isEmpty)
        #expect(SchemaDiffer.diff(from: schema, to: schema).isEmpty)
    }
}
