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

    @Test func wordsAreTheNamesAQueryMentions() {
        let words = SQLWriter.words("SELECT o.id FROM audit.\"Events\" e JOIN orders o ON o.id = e.id -- not_a_table\n WHERE x = 'users'")
        #expect(words.contains("orders") && words.contains("audit.events") && words.contains("events"))
        #expect(!words.contains("users") && !words.contains("not_a_table"))
        #expect(SQLWriter.signatureWords("CREATE FUNCTION f(r orders) RETURNS int AS $$ SELECT 1 FROM users $$").contains("orders"))
        #expect(!SQLWriter.signatureWords("CREATE FUNCTION f(r orders) RETURNS int AS $$ SELECT 1 FROM users $$").contains("users"))
    }
}
