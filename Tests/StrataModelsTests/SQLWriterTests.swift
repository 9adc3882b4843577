import StrataTestSupport
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


    @Test func objectsAreOrderedByWhatTheyUseNotByTheWordsTheyShare() throws {
        let layer = ModelLayer(path: "models", files: [ModelSourceFile(displayPath: "models/catalog.yaml", text: ModelFixtures.languageCatalog)])
        let compiled = try ModelCompiler().compile([layer])
        let markers = compiled.body.split(separator: "\n").filter { $0.hasPrefix(SQLWriter.markerPrefix) }.map { SQLWriter.marker(from: $0) }
        #expect(markers == [
            "function next_language_code", "function title_prefix", "function default_title", "table public.language",
            "table public.film", "function film_title", "foreign keys of public.film", "view public.film_titles",
        ])
    }
}

/// Column settings and `WITH NO DATA` in the models: compiled to the statements PostgreSQL
/// needs, and wrong values named at their line and column.
@Suite struct ModelSettingsTests {
    static func compile(_ text: String) throws -> String {
        try ModelCompiler().compile([ModelLayer(path: "models", files: [ModelSourceFile(displayPath: "models/a.yaml", text: text)])]).body
    }

    @Test func columnSettingsCompileToAlterColumn() throws {
        let body = try Self.compile("""
            tables:
              events:
                columns:
                  id: { type: bigint, primary_key: true, statistics: 500 }
                  room: { type: text, options: { n_distinct: -0.02, n_distinct_inherited: 10 }, storage: main, compression: lz4 }
            materialized_views:
              event_counts: { query: SELECT count(*) FROM events, with_data: false }
            """)
        #expect(body.contains("ALTER TABLE ONLY events ALTER COLUMN id SET STATISTICS 500;"), "\(body)")
        #expect(body.contains("ALTER TABLE ONLY events ALTER COLUMN room SET (n_distinct = '-0.02', n_distinct_inherited = '10');"), "\(body)")
        #expect(body.contains("ALTER TABLE ONLY events ALTER COLUMN room SET STORAGE MAIN;"), "\(body)")
        #expect(body.contains("ALTER TABLE ONLY events ALTER COLUMN room SET COMPRESSION lz4;"), "\(body)")
        #expect(body.contains("SELECT count(*) FROM events\nWITH NO DATA;"), "\(body)")
    }

    @Test func wrongSettingsNameTheirPlace() throws {
        let cases: [(String, Int, Int, String)] = [
            ("room: { type: text, storage: huge }", 4, 36, "storage of column room is huge"),
            ("room: { type: text, compression: zstd9 }", 4, 40, "compression of column room is zstd9"),
            ("room: { type: text, statistics: 20000 }", 4, 39, "statistics of column room must be between -1 (the default) and 10000"),
            ("room: { type: text, options: [n_distinct] }", 4, 36, "options of column room must be a mapping"),
        ]
        for (column, line, columnNumber, message) in cases {
            do {
                _ = try Self.compile("tables:\n  events:\n    columns:\n      \(column)\n")
                Issue.record("\(column) compiled")
            } catch let error as ModelError {
                let problem = try #require(error.problems.first)
                #expect(problem.message == message, "\(problem)")
                #expect(problem.location == ModelLocation(file: "models/a.yaml", line: line, column: columnNumber), "\(column): \(problem)")
            }
        }
    }
}
