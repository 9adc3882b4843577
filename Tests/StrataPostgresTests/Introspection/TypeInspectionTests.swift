import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: enums, domains, composite types")
struct TypeInspectionTests {
    @Test func enumLabelsInSortOrder() async throws {
        let schema = try await Inspection.schema([
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",
            "ALTER TYPE mood ADD VALUE 'ecstatic'",
            "COMMENT ON TYPE mood IS 'how it feels'",
            "CREATE TYPE \"Empty\" AS ENUM ()",
        ])
        #expect(schema.enums == [
            EnumType(name: QualifiedName("public", "Empty"), labels: []),
            EnumType(name: QualifiedName("public", "mood"), labels: ["sad", "meh", "ok", "happy", "ecstatic"], comment: "how it feels"),
        ])
    }

    @Test func domains() async throws {
        let schema = try await Inspection.schema([
            "CREATE DOMAIN posint AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0) CHECK (VALUE < 1000000)",
            "CREATE DOMAIN code AS varchar(10) COLLATE \"C\" CONSTRAINT code_upper CHECK (VALUE = upper(VALUE))",
            "ALTER DOMAIN code ADD CONSTRAINT code_short CHECK (length(VALUE) < 5) NOT VALID",
            "CREATE DOMAIN plain AS text",
            "COMMENT ON DOMAIN plain IS 'just text'",
            "CREATE SEQUENCE s",
            "CREATE DOMAIN numbered AS bigint DEFAULT nextval('s')",
        ])
        #expect(schema.domains == [
            DomainType(
                name: QualifiedName("public", "code"), baseType: "character varying(10)",
                collation: QualifiedName("pg_catalog", "C"),
                constraints: [
                    .init(name: "code_short", definition: "CHECK ((length((VALUE)::text) < 5)) NOT VALID"),
                    .init(name: "code_upper", definition: "CHECK (((VALUE)::text = upper((VALUE)::text)))"),
                ]
            ),
            DomainType(name: QualifiedName("public", "numbered"), baseType: "bigint", defaultExpression: "nextval('public.s'::regclass)"),
            DomainType(name: QualifiedName("public", "plain"), baseType: "text", comment: "just text"),
            DomainType(
                name: QualifiedName("public", "posint"), baseType: "integer", isNotNull: true, defaultExpression: "1",
                constraints: [
                    .init(name: "posint_check", definition: "CHECK ((VALUE > 0))"),
                    .init(name: "posint_check1", definition: "CHECK ((VALUE < 1000000))"),
                ]
            ),
        ])
    }

    @Test func compositeTypesOnlyStandalone() async throws {
        let schema = try await Inspection.schema([
            "CREATE TYPE mood AS ENUM ('ok')",
            "CREATE TYPE pair AS (a integer, b text COLLATE \"C\", m mood, n numeric(10,2))",
            "COMMENT ON TYPE pair IS 'two and more'",
            "CREATE TABLE t (id int)",  // its row type is not a composite type of the model
            "CREATE VIEW v AS SELECT 1 AS one",
        ])
        #expect(schema.compositeTypes == [
            CompositeType(
                name: QualifiedName("public", "pair"),
                attributes: [
                    .init(name: "a", type: "integer"),
                    .init(name: "b", type: "text", collation: QualifiedName("pg_catalog", "C")),
                    .init(name: "m", type: "public.mood"),
                    .init(name: "n", type: "numeric(10,2)"),
                ],
                comment: "two and more"
            ),
        ])
        #expect(schema.dependencies.contains(Dependency(from: .type(QualifiedName("public", "pair")), to: .type(QualifiedName("public", "mood")))))
    }
}
