import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: schemas, extensions, collations")
struct NamespaceInspectionTests {
    @Test func emptyDatabaseHasOnlyPublic() async throws {
        let schema = try await Inspection.schema([])
        #expect(schema == Schema(namespaces: [Namespace(name: "public")]))
    }

    @Test func schemasWithComments() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA app",
            "COMMENT ON SCHEMA app IS 'the application''s schema'",
            "CREATE SCHEMA \"Empty Schema\"",
            "COMMENT ON SCHEMA public IS 'changed'",
        ])
        #expect(schema.namespaces == [
            Namespace(name: "Empty Schema"),
            Namespace(name: "app", comment: "the application's schema"),
            Namespace(name: "public", comment: "changed"),
        ])
    }

    @Test func droppedPublicIsAbsent() async throws {
        let schema = try await Inspection.schema(["DROP SCHEMA public", "CREATE SCHEMA app"])
        #expect(schema.namespaces == [Namespace(name: "app")])
    }

    @Test func extensionsAreListedAndTheirObjectsExcluded() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA ext",
            "CREATE EXTENSION citext SCHEMA ext",
            "CREATE TABLE t (email ext.citext)",
        ])
        #expect(schema.extensions.count == 1)
        let citext = try #require(schema.extensions.first)
        #expect(citext.name == "citext")
        #expect(citext.schema == "ext")
        #expect(!citext.version.isEmpty)
        // plpgsql lives in pg_catalog and is not listed; citext's type and functions are not either.
        #expect(schema.enums.isEmpty && schema.domains.isEmpty && schema.compositeTypes.isEmpty)
        #expect(schema.routines.isEmpty)
        #expect(try Inspection.table(schema, "public.t").columns.map(\.ignoringTypeStorage) == [Column(name: "email", type: "ext.citext")])
        #expect(schema.dependencies.contains(Dependency(from: .column(table: QualifiedName("public", "t"), name: "email"), to: .extension("citext"))))
        #expect(schema.dependencies.contains(Dependency(from: .extension("citext"), to: .namespace("ext"))))
    }

    @Test func extensionOwnedTablesAndSequencesAreExcluded() async throws {
        // An extension script's tables are members of the extension; simulate one with
        // ALTER EXTENSION … ADD, which records the same pg_depend 'e' rows.
        let schema = try await Inspection.schema([
            "CREATE EXTENSION hstore",
            "CREATE TABLE mine (id int)",
            "CREATE TABLE theirs (id serial)",
            "CREATE VIEW their_view AS SELECT 1 AS one",
            "CREATE FUNCTION their_function() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE TYPE their_type AS ENUM ('a')",
            "ALTER EXTENSION hstore ADD TABLE theirs",
            "ALTER EXTENSION hstore ADD SEQUENCE theirs_id_seq",
            "ALTER EXTENSION hstore ADD VIEW their_view",
            "ALTER EXTENSION hstore ADD FUNCTION their_function()",
            "ALTER EXTENSION hstore ADD TYPE their_type",
        ])
        #expect(schema.tables.map(\.name) == [QualifiedName("public", "mine")])
        #expect(schema.sequences.isEmpty)
        #expect(schema.views.isEmpty)
        #expect(schema.routines.isEmpty)
        #expect(schema.enums.isEmpty)
        #expect(schema.extensions.map(\.name) == ["hstore"])
    }

    @Test func collations() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA app",
            "CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
            "CREATE COLLATION app.posix (locale = 'C')",
            "COMMENT ON COLLATION app.posix IS 'byte order'",
        ])
        #expect(schema.collations == [
            Collation(name: QualifiedName("app", "ci"), provider: "i", locale: "und-u-ks-level2", ctype: "und-u-ks-level2", isDeterministic: false),
            Collation(name: QualifiedName("app", "posix"), provider: "c", locale: "C", ctype: "C", comment: "byte order"),
        ])
    }
}
