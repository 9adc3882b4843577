import Testing
@testable import StrataModels

/// The small readers the SQL writer uses on SQL written in the models.
@Suite struct SQLWriterTests {
    @Test(arguments: [
        ("email", "email"), ("lower(email)", "lower(email)"), ("created_at DESC NULLS LAST", "created_at DESC NULLS LAST"),
        ("name gin_trgm_ops", "name gin_trgm_ops"), ("name COLLATE \"C\"", "name COLLATE \"C\""), ("(a + b) DESC", "(a + b) DESC"),
        ("public.f(x)", "public.f(x)"), ("a + b", "(a + b)"), ("status::text", "(status::text)"),
    ])
    func indexKeysAreWrittenAsPostgreSQLReadsThem(_ key: String, _ written: String) {
        #expect(SQLWriter.indexKey(key) == written)
    }

    @Test func routineSignaturesDropArgumentDefaults() {
        #expect(SQLWriter.routineSignature("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")
            == "FUNCTION touch()")
        #expect(SQLWriter.routineSignature("CREATE OR REPLACE FUNCTION app.f(a integer DEFAULT 1, b text = 'x,y') RETURNS int AS 'SELECT 1'")
            == "FUNCTION app.f(a integer, b text)")
        #expect(SQLWriter.routineSignature("create procedure p(numeric(10,2)) language sql as $$ select $$") == "PROCEDURE p(numeric(10,2))")
    }

    /// A model whose table `language` shares a word with every `LANGUAGE` clause, whose column
    /// defaults call functions, one of which calls another declared after it, and whose function
    /// takes a table's row type.
    static let catalog = """
        functions:
          next_language_code: |
            CREATE FUNCTION next_language_code() RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN RETURN (SELECT coalesce(max(code), 0) + 1 FROM language); END $$
          film_title: |
            CREATE FUNCTION film_title(f film) RETURNS text LANGUAGE sql AS 'SELECT f.title'
          default_title: |
            CREATE FUNCTION default_title() RETURNS text LANGUAGE sql AS 'SELECT title_prefix() || ''untitled'''
          title_prefix: |
            CREATE FUNCTION title_prefix() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'the '; END
        tables:
          language:
            columns:
              code: { type: integer, primary_key: true, default_sql: next_language_code() }
              name: text
          film:
            columns:
              title: { type: text, default_sql: default_title() }
              language_code: { type: integer, nullable: true, references: language }
        views:
          film_titles:
            query: SELECT film_title(f) AS title FROM film f
        """

    @Test func objectsAreOrderedByWhatTheyUseNotByTheWordsTheyShare() throws {
        let layer = ModelLayer(path: "models", files: [ModelSourceFile(displayPath: "models/catalog.yaml", text: Self.catalog)])
        let compiled = try ModelCompiler().compile([layer])
        let markers = compiled.body.split(separator: "\n").filter { $0.hasPrefix(SQLWriter.markerPrefix) }.map { SQLWriter.marker(from: $0) }
        #expect(markers == [
            "function next_language_code", "function title_prefix", "function default_title", "table public.language",
            "table public.film", "function film_title", "foreign keys of public.film", "view public.film_titles",
        ])
    }
}
