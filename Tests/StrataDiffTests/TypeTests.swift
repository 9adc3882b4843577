import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let status = F.name("status")
private let t = F.name("t")

private func enumSchema(_ labels: [String], column: Column? = nil, views: [View] = [], dependencies: [Dependency] = []) -> Schema {
    F.schema(
        enums: [EnumType(name: status, labels: labels)],
        tables: column.map { [Table(name: t, columns: [Column(name: "id", type: "integer"), $0])] } ?? [],
        views: views, dependencies: dependencies
    )
}

private let statusColumn = Column(name: "s", type: "public.status", isNotNull: true, defaultExpression: "'a'::public.status")
private let statusView = View(name: F.name("v"), definition: " SELECT t.s\n   FROM public.t", columns: [.init(name: "s", type: "public.status")])
private let viewDependencies = [
    Dependency(from: .view(F.name("v")), to: .column(table: t, name: "s")),
    Dependency(from: .view(F.name("v")), to: .table(t)),
]

@Suite struct TypeTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "create and drop an enum", from: F.schema(enums: [EnumType(name: F.name("old"), labels: ["x"])]),
            to: F.schema(enums: [EnumType(name: status, labels: ["a", "it's"])]),
            sql: ["DROP TYPE public.old", "CREATE TYPE public.status AS ENUM ('a', 'it''s')"],
            hazards: [["data-loss"], []]
        ),
        DiffCase(
            "enum values added in place, in order", from: enumSchema(["b", "d"]), to: enumSchema(["a", "b", "c", "d", "e"]),
            sql: [
                "ALTER TYPE public.status ADD VALUE 'a' BEFORE 'b'",
                "ALTER TYPE public.status ADD VALUE 'c' AFTER 'b'",
                "ALTER TYPE public.status ADD VALUE 'e'",
            ],
            hazards: [["enum-value-added"], ["enum-value-added"], ["enum-value-added"]]
        ),
        DiffCase(
            "enum value removed: rebuilt through a renamed type, with the column default and view",
            from: enumSchema(["a", "b", "c"], column: statusColumn, views: [statusView], dependencies: viewDependencies),
            to: enumSchema(["a", "c"], column: statusColumn, views: [statusView], dependencies: viewDependencies),
            sql: [
                "DROP VIEW public.v",
                "ALTER TABLE public.t ALTER COLUMN s DROP DEFAULT",
                "ALTER TYPE public.status RENAME TO status__strata_old",
                "CREATE TYPE public.status AS ENUM ('a', 'c')",
                "ALTER TABLE public.t ALTER COLUMN s TYPE public.status USING s::text::public.status",
                "DROP TYPE public.status__strata_old",
                "ALTER TABLE public.t ALTER COLUMN s SET DEFAULT 'a'::public.status",
                "CREATE VIEW public.v AS\n SELECT t.s\n   FROM public.t",
            ],
            hazards: [[], ["blocking-lock"], ["data-loss"], [], ["blocking-lock", "table-rewrite"], [], ["blocking-lock"], []]
        ),
        DiffCase(
            "new first labels go before the first old one", from: enumSchema(["c"]), to: enumSchema(["a", "b", "c"]),
            sql: ["ALTER TYPE public.status ADD VALUE 'a' BEFORE 'c'", "ALTER TYPE public.status ADD VALUE 'b' AFTER 'a'"]
        ),
        DiffCase(
            "enum values reordered: rebuilt without data loss; arrays cast too",
            from: enumSchema(["a", "b"], column: Column(name: "s", type: "public.status[]")),
            to: enumSchema(["b", "a"], column: Column(name: "s", type: "public.status[]")),
            sql: [
                "ALTER TYPE public.status RENAME TO status__strata_old",
                "CREATE TYPE public.status AS ENUM ('b', 'a')",
                "ALTER TABLE public.t ALTER COLUMN s TYPE public.status[] USING s::text[]::public.status[]",
                "DROP TYPE public.status__strata_old",
            ],
            hazards: [[], [], ["blocking-lock", "table-rewrite"], []]
        ),
        DiffCase(
            "enum column becomes text, then the enum is dropped",
            from: enumSchema(["a"], column: Column(name: "s", type: "public.status")),
            to: F.schema(tables: [Table(name: t, columns: [Column(name: "id", type: "integer"), Column(name: "s", type: "text")])]),
            sql: ["ALTER TABLE public.t ALTER COLUMN s TYPE text USING s::text", "DROP TYPE public.status"]
        ),
        DiffCase(
            "a column moves from one enum to another through text",
            from: F.schema(enums: [EnumType(name: status, labels: ["a"]), EnumType(name: F.name("other"), labels: ["a"])], tables: [Table(name: t, columns: [Column(name: "s", type: "public.status")])]),
            to: F.schema(enums: [EnumType(name: status, labels: ["a"]), EnumType(name: F.name("other"), labels: ["a"])], tables: [Table(name: t, columns: [Column(name: "s", type: "public.other")])]),
            sql: ["ALTER TABLE public.t ALTER COLUMN s TYPE public.other USING s::text::public.other"]
        ),
        DiffCase(
            "a new enum is created before the column uses it",
            from: F.schema(tables: [Table(name: t, columns: [Column(name: "id", type: "integer"), Column(name: "s", type: "text")])]),
            to: enumSchema(["a"], column: Column(name: "s", type: "public.status")),
            sql: ["CREATE TYPE public.status AS ENUM ('a')", "ALTER TABLE public.t ALTER COLUMN s TYPE public.status USING s::public.status"]
        ),
        DiffCase(
            "domain created, altered and dropped",
            from: F.schema(domains: [
                DomainType(name: F.name("positive"), baseType: "integer", constraints: [.init(name: "positive_check", definition: "CHECK ((VALUE > 0))")]),
                DomainType(name: F.name("gone"), baseType: "text"),
            ]),
            to: F.schema(domains: [
                DomainType(name: F.name("positive"), baseType: "integer", isNotNull: true, defaultExpression: "1", constraints: [.init(name: "positive_check", definition: "CHECK ((VALUE >= 1))")]),
                DomainType(name: F.name("email"), baseType: "text", collation: QualifiedName("pg_catalog", "C"), comment: "an address"),
            ]),
            sql: [
                "DROP DOMAIN public.gone",
                "ALTER DOMAIN public.positive DROP CONSTRAINT positive_check",
                "ALTER DOMAIN public.positive SET DEFAULT 1",
                "ALTER DOMAIN public.positive SET NOT NULL",
                "ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE >= 1))",
                "CREATE DOMAIN public.email AS text COLLATE pg_catalog.\"C\"",
                "COMMENT ON DOMAIN public.email IS 'an address'",
            ],
            hazards: [["data-loss"], [], [], [], [], [], []]
        ),
        DiffCase(
            "composite type altered in place",
            from: F.schema(compositeTypes: [CompositeType(name: F.name("pair"), attributes: [.init(name: "a", type: "integer"), .init(name: "b", type: "text")])]),
            to: F.schema(compositeTypes: [CompositeType(name: F.name("pair"), attributes: [.init(name: "a", type: "bigint"), .init(name: "c", type: "text")])]),
            sql: [
                "ALTER TYPE public.pair DROP ATTRIBUTE b",
                "ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint",
                "ALTER TYPE public.pair ADD ATTRIBUTE c text",
            ]
        ),
        DiffCase(
            "composite type created", from: F.schema(),
            to: F.schema(compositeTypes: [CompositeType(name: F.name("pair"), attributes: [.init(name: "a", type: "integer"), .init(name: "Label", type: "text", collation: QualifiedName("pg_catalog", "C"))])]),
            sql: ["CREATE TYPE public.pair AS (a integer, \"Label\" text COLLATE pg_catalog.\"C\")"]
        ),
        DiffCase(
            "type comment", from: enumSchema(["a"]), to: F.schema(enums: [EnumType(name: status, labels: ["a"], comment: "states")]),
            sql: ["COMMENT ON TYPE public.status IS 'states'"]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
