import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures

@Suite struct NamespaceTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "a schema is created before its tables and dropped after them",
            from: F.schema(namespaces: [Namespace(name: "public"), Namespace(name: "old")], tables: [Table(name: F.name("t", schema: "old"))]),
            to: F.schema(namespaces: [Namespace(name: "public"), Namespace(name: "app", comment: "the app")], tables: [Table(name: F.name("t", schema: "app"))]),
            sql: [
                "DROP TABLE old.t",
                "DROP SCHEMA old",
                "CREATE SCHEMA app",
                "CREATE TABLE app.t ()",
                "COMMENT ON SCHEMA app IS 'the app'",
            ],
            hazards: [["data-loss"], ["data-loss"], [], [], []]
        ),
        DiffCase(
            "extensions: create, update, move and drop",
            from: F.schema(extensions: [Extension(name: "pg_trgm", schema: "public", version: "1.3"), Extension(name: "hstore", schema: "public", version: "1.8"), Extension(name: "citext", schema: "public", version: "1.6")]),
            to: F.schema(
                namespaces: [Namespace(name: "public"), Namespace(name: "ext")],
                extensions: [Extension(name: "pg_trgm", schema: "public", version: "1.4"), Extension(name: "citext", schema: "ext", version: "1.6"), Extension(name: "uuid-ossp", schema: "public", version: "1.1")]
            ),
            sql: [
                "DROP EXTENSION hstore",
                "ALTER EXTENSION pg_trgm UPDATE TO '1.4'",
                "CREATE SCHEMA ext",
                "ALTER EXTENSION citext SET SCHEMA ext",
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public VERSION '1.1'",
            ]
        ),
        DiffCase(
            "an extension downgrade drops and creates it (update scripts go forward only)",
            from: F.schema(extensions: [Extension(name: "pg_trgm", schema: "public", version: "1.4")]),
            to: F.schema(extensions: [Extension(name: "pg_trgm", schema: "public", version: "1.3")]),
            sql: ["DROP EXTENSION pg_trgm", "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public VERSION '1.3'"]
        ),
        DiffCase(
            "an extension is created before a column uses its type",
            from: F.schema(tables: [Table(name: F.name("t"), columns: [Column(name: "id", type: "integer")])]),
            to: F.schema(
                extensions: [Extension(name: "hstore", schema: "public", version: "1.8")],
                tables: [Table(name: F.name("t"), columns: [Column(name: "id", type: "integer"), Column(name: "h", type: "public.hstore")])],
                dependencies: [Dependency(from: .column(table: F.name("t"), name: "h"), to: .extension("hstore"))]
            ),
            sql: ["CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public VERSION '1.8'", "ALTER TABLE public.t ADD COLUMN h public.hstore"]
        ),
        DiffCase(
            "collations: a column moves to a new collation before the old one is dropped",
            from: F.schema(
                collations: [Collation(name: F.name("posix"), provider: "c", locale: "POSIX", ctype: "POSIX")],
                tables: [Table(name: F.name("t"), columns: [Column(name: "b", type: "text", collation: F.name("posix"))])]
            ),
            to: F.schema(
                collations: [Collation(name: F.name("numeric"), provider: "i", locale: "en-u-kn-true", ctype: "en-u-kn-true", isDeterministic: false)],
                tables: [Table(name: F.name("t"), columns: [Column(name: "b", type: "text", collation: F.name("numeric"))])]
            ),
            sql: [
                "CREATE COLLATION public.\"numeric\" (provider = icu, locale = 'en-u-kn-true', deterministic = false)",
                "ALTER TABLE public.t ALTER COLUMN b TYPE text COLLATE public.\"numeric\" USING b::text",
                "DROP COLLATION public.posix",
            ]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
