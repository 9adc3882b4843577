import StrataSQL
import Testing

/// The names SQL text, routine signatures and routine bodies use.
@Suite("References")
struct ReferenceTests {
    private func names(_ references: [SQLReference]) -> [String] { references.map(\.description) }

    @Test func expressionsAndQueries() {
        let found = names(SQLReference.all(in: """
            SELECT o.id, count(*), coalesce(y, 1), EXISTS (SELECT 1), v::mood, CAST(w AS app."Kind")
            FROM public.orders o JOIN "Line Items" l ON l.order_id = o.id -- users
            WHERE note = 'customers' AND app.f(o.id) AND (o.r).field > $1.x /* products */
            """))
        #expect(found.contains("public.orders") && found.contains("Line Items") && found.contains("mood") && found.contains("app.Kind"))
        #expect(found.contains("count()") && found.contains("app.f()") && found.contains("o.id") && found.contains("l.order_id"))
        #expect(!found.contains("users") && !found.contains("customers") && !found.contains("products"))
        #expect(!found.contains("select") && !found.contains("from") && !found.contains("where") && !found.contains("as"))
        #expect(!found.contains("coalesce()") && !found.contains("exists()") && !found.contains("field") && !found.contains("x"))
    }

    @Test func whatPgGetFunctiondefPrints() throws {
        let definition = try #require(RoutineDefinition("""
            CREATE OR REPLACE FUNCTION public.film_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)
             RETURNS SETOF integer
             LANGUAGE sql
             SET search_path TO 'app', '"My Schema"', '"$user"'
            AS $function$
                 SELECT inventory_id
                 FROM inventory
                 WHERE film_id = $1
                 AND store_id = p_store_id
                 AND inventory_in_stock(inventory_id);
            $function$
            """))
        #expect(definition.name == ["public", "film_in_stock"])
        #expect(definition.language == "sql")
        #expect(definition.searchPath == ["app", "My Schema"])
        #expect(definition.parameterNames == ["p_film_id", "p_store_id", "p_film_count"])
        guard case .string(let body)? = definition.body else {
            Issue.record("expected a string body")
            return
        }
        #expect(body.contains("FROM inventory") && !body.contains("$function$"))
        let references = definition.bodyReferences()
        #expect(names(references.used) == ["film_id", "inventory", "inventory_id", "inventory_in_stock()", "store_id"])
        #expect(references.checkedAtCreation == references.used)
    }

    @Test func signaturesNameTheirTypesNotTheirLanguage() throws {
        let definition = try #require(RoutineDefinition("""
            create function app.f(r public.customer, "language" text default lower('X'), double precision, variadic xs app.tag[])
            returns setof public.film language plpgsql stable security definer as $$ begin return; end $$
            """))
        let found = names(definition.signatureReferences)
        #expect(found.contains("public.customer") && found.contains("public.film") && found.contains("app.tag") && found.contains("lower()"))
        #expect(!found.contains("language") && !found.contains("plpgsql") && !found.contains("r"))
        #expect(definition.parameterNames == ["r", "language", "xs"])
        #expect(definition.language == "plpgsql")
    }

    @Test func returnsTableColumnsAreParameters() throws {
        let definition = try #require(RoutineDefinition(
            "CREATE FUNCTION f() RETURNS TABLE (id bigint, kind app.kind) LANGUAGE sql AS 'SELECT id, kind FROM app.things'"
        ))
        #expect(definition.parameterNames == ["id", "kind"])
        #expect(names(definition.signatureReferences) == ["app.kind"])
        #expect(names(definition.bodyReferences().used) == ["app.things"])
    }

    @Test func plpgsqlDeclarationsAreVariablesAndTypes() throws {
        let definition = try #require(RoutineDefinition("""
            CREATE FUNCTION public.g(p_id integer) RETURNS integer LANGUAGE plpgsql AS $$
            <<outer>>
            DECLARE
                language text := 'x';
                r film%ROWTYPE;
                t public.rental.return_date%TYPE;
                n CONSTANT integer NOT NULL DEFAULT h(1);
            BEGIN
                SELECT * INTO r FROM film WHERE film_id = p_id AND language = 'en';
                PERFORM k(language);
                RETURN n;
            END $$
            """))
        let references = definition.bodyReferences()
        #expect(names(references.checkedAtCreation) == ["film", "public.rental.return_date", "text"])
        let used = names(references.used)
        #expect(used.contains("film") && used.contains("h()") && used.contains("k()") && used.contains("film_id"))
        #expect(!used.contains("language") && !used.contains("r") && !used.contains("n") && !used.contains("p_id") && !used.contains("outer"))
        #expect(!used.contains("rowtype") && !used.contains("type"))
    }

    @Test func standardBodiesAreAlwaysChecked() throws {
        let definition = try #require(RoutineDefinition(
            "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT g(a) FROM t; END"
        ))
        guard case .standard? = definition.body else {
            Issue.record("expected a standard body")
            return
        }
        #expect(names(definition.bodyReferences().checkedAtCreation) == ["g()", "t"])
        let returning = try #require(RoutineDefinition("CREATE FUNCTION f() RETURNS int RETURN g() + 1"))
        #expect(names(returning.bodyReferences().used) == ["g()"])
    }

    @Test func otherLanguagesAndOtherStatements() throws {
        let c = try #require(RoutineDefinition("CREATE FUNCTION f(int) RETURNS int AS 'mylib', 'f' LANGUAGE c"))
        #expect(c.body == nil && c.language == "c")
        let python = try #require(RoutineDefinition("CREATE PROCEDURE p() LANGUAGE plpython3u AS 'import os'"))
        #expect(python.bodyReferences() == RoutineDefinition.References())
        #expect(RoutineDefinition("CREATE TABLE f (a int)") == nil)
        #expect(RoutineDefinition("SELECT 'CREATE FUNCTION f() RETURNS int'") == nil)
    }
}
