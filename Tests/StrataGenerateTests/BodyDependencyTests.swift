import Foundation
import StrataDiff
import StrataModels
import StrataPostgres
import StrataSchema
import StrataTesting
import StrataTestSupport
import Testing

/// Plans whose routines call other routines, read tables, or sit in a cycle through a body,
/// applied statement by statement to a real server with `check_function_bodies` on (the
/// default, under which PostgreSQL analyses a `LANGUAGE sql` body when it creates it).
@Suite struct BodyDependencyTests {
    struct Outcome {
        var plan: Plan
        var replan: Plan
        /// Answers of `probes`, run on the database the plan was applied to.
        var answers: [String]
    }

    /// Loads `target` into one database and `seed` into another, plans seed → target, applies
    /// the plan to the seeded database, plans again (must be empty), and runs `probes` there.
    static func apply(_ target: String, seed: String = "", probes: [String] = [], label: String = #function) async throws -> Outcome {
        try await RoundTrip.ensureRoles()
        return try await TestDatabase.withDatabase(label + "_a") { databaseA in
            try await TestDatabase.withDatabase(label + "_b") { databaseB in
                if !seed.isEmpty { try await RoundTrip.psql(file: try RoundTrip.temporaryFile(seed, name: label + "_seed"), database: databaseA) }
                try await RoundTrip.psql(file: try RoundTrip.temporaryFile(target, name: label + "_target"), database: databaseB)
                let inspector = SchemaInspector()
                let sessionA = try await databaseA.session()
                let sessionB = try await databaseB.session()
                defer {
                    Task {
                        await sessionA.close()
                        await sessionB.close()
                    }
                }
                let desired = try await inspector.inspect(sessionB)
                let plan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: desired)
                let checks = try await sessionA.query("SHOW check_function_bodies", [])
                #expect(checks.first?[0] == "on", "the server must check function bodies, as by default")
                try await sessionA.execute("BEGIN")
                for statement in plan.statements {
                    do {
                        try await sessionA.execute(statement.sql)
                    } catch {
                        throw RoundTrip.ApplyFailure(statement: statement.sql, error: String(reflecting: error), plan: plan.sql())
                    }
                }
                try await sessionA.execute("COMMIT")
                let replan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: desired)
                var answers: [String] = []
                for probe in probes { answers.append(try await sessionA.query(probe, []).first?[0] ?? "NULL") }
                return Outcome(plan: plan, replan: replan, answers: answers)
            }
        }
    }

    private static func uncheckedRoutines(_ plan: Plan) -> [String] {
        var names: [String] = []
        var off = false
        for statement in plan.statements {
            if statement.action == "set" { off = statement.sql.hasPrefix("SET"); continue }
            if off { names.append(statement.object.name) }
        }
        return names
    }

    @Test func pagilaCreatesFromAnEmptyDatabase() async throws {
        // The group_concat aggregate (which Strata does not plan yet) exists on both sides.
        let aggregate = """
            CREATE FUNCTION public._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $_$
            SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END
            $_$;
            CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text);
            """
        let pagila = try String(contentsOfFile: Fixtures.path("realworld/pagila/pagila-schema.sql"), encoding: .utf8)
        let outcome = try await Self.apply(pagila, seed: aggregate, probes: [
            "SELECT count(*) FROM public.film_in_stock(1, 1)",
            "SELECT public.inventory_in_stock(1)",
        ])
        #expect(outcome.replan.isEmpty, "left to do: \(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [], "every pagila body can be checked: \(outcome.plan.sql())")
        let creates = outcome.plan.statements.filter { $0.action == "create" }.map(\.object.name)
        let caller = try #require(creates.firstIndex(of: "public.film_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)"))
        let callee = try #require(creates.firstIndex(of: "public.inventory_in_stock(p_inventory_id integer)"))
        #expect(callee < caller)
        #expect(outcome.answers == ["0", "t"])
    }

    @Test func mutualRecursionBetweenPLpgSQLFunctions() async throws {
        let outcome = try await Self.apply("""
            CREATE FUNCTION is_even(n integer) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN IF n = 0 THEN RETURN true; END IF; RETURN is_odd(n - 1); END $$;
            CREATE FUNCTION is_odd(n integer) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN IF n = 0 THEN RETURN false; END IF; RETURN is_even(n - 1); END $$;
            """, probes: ["SELECT is_even(10)", "SELECT is_odd(7)"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [])
        #expect(outcome.answers == ["t", "t"])
    }

    @Test func mutualRecursionBetweenSQLFunctionsCreatesOneWithoutChecks() async throws {
        let outcome = try await Self.apply("""
            SET check_function_bodies = off;
            CREATE FUNCTION ping(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT CASE WHEN n > 0 THEN pong(n - 1) ELSE 0 END $$;
            CREATE FUNCTION pong(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT CASE WHEN n > 0 THEN ping(n - 1) ELSE 1 END $$;
            """, probes: ["SELECT ping(5)", "SHOW check_function_bodies"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == ["public.ping(n integer)"])
        #expect(outcome.answers == ["1", "on"], "the plan resets check_function_bodies after the routine")
    }

    @Test func anSQLFunctionCallingOneLaterInNameOrder() async throws {
        let outcome = try await Self.apply("""
            CREATE FUNCTION z_base() RETURNS integer LANGUAGE sql AS 'SELECT 41';
            CREATE FUNCTION a_total() RETURNS integer LANGUAGE sql AS 'SELECT z_base() + 1';
            """, probes: ["SELECT a_total()"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [])
        #expect(outcome.answers == ["42"])
    }

    @Test func aBodyReadingTheTableWhoseDefaultCallsTheFunction() async throws {
        let outcome = try await Self.apply("""
            SET check_function_bodies = off;
            CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS 'SELECT coalesce(max(code), 0) + 1 FROM tickets';
            CREATE TABLE tickets (code integer NOT NULL DEFAULT next_code(), title text);
            """, probes: ["INSERT INTO tickets (title) VALUES ('a'), ('b') RETURNING 1", "SELECT max(code) FROM tickets"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == ["public.next_code()"])
        #expect(outcome.answers.last == "2")
    }

    @Test func aViewOverAFunctionThatCallsAnother() async throws {
        let outcome = try await Self.apply("""
            CREATE FUNCTION b_inner() RETURNS integer LANGUAGE sql AS 'SELECT 7';
            CREATE FUNCTION a_outer() RETURNS integer LANGUAGE sql AS 'SELECT b_inner() * 6';
            CREATE VIEW answer AS SELECT a_outer() AS value;
            """, probes: ["SELECT value FROM answer"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [])
        #expect(outcome.answers == ["42"])
    }

    @Test func aCheckConstraintAndAColumnDefaultCallingFunctions() async throws {
        let outcome = try await Self.apply("""
            CREATE FUNCTION z_limit() RETURNS integer LANGUAGE sql AS 'SELECT 100';
            CREATE FUNCTION a_valid(x integer) RETURNS boolean LANGUAGE sql AS 'SELECT x <= z_limit()';
            CREATE FUNCTION a_start() RETURNS integer LANGUAGE sql AS 'SELECT z_limit() / 2';
            CREATE TABLE amounts (v integer DEFAULT a_start() CHECK (a_valid(v)));
            """, probes: ["INSERT INTO amounts DEFAULT VALUES RETURNING v"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [])
        #expect(outcome.answers == ["50"])
    }

    @Test func functionsOfTheSameNameInTwoSchemas() async throws {
        let outcome = try await Self.apply("""
            CREATE SCHEMA app;
            CREATE FUNCTION app.z() RETURNS text LANGUAGE sql AS $$ SELECT 'app' $$;
            CREATE FUNCTION public.z() RETURNS text LANGUAGE sql AS $$ SELECT 'public' $$;
            CREATE FUNCTION app.a_pinned() RETURNS text LANGUAGE sql SET search_path = app AS $$ SELECT z() $$;
            CREATE FUNCTION app.a_plain() RETURNS text LANGUAGE sql AS $$ SELECT z() $$;
            CREATE FUNCTION public.a_qualified() RETURNS text LANGUAGE sql AS $$ SELECT app.z() $$;
            """, probes: ["SELECT app.a_pinned()", "SELECT app.a_plain()", "SELECT a_qualified()"])
        #expect(outcome.replan.isEmpty, "\(outcome.replan.sql())")
        #expect(Self.uncheckedRoutines(outcome.plan) == [])
        #expect(outcome.answers == ["app", "public", "app"])
    }

    @Test func compiledModelsWithATableNamedLanguageLoad() async throws {
        let layer = ModelLayer(path: "models", files: [ModelSourceFile(displayPath: "models/catalog.yaml", text: ModelFixtures.languageCatalog)])
        let compiled = try ModelCompiler().compile([layer])
        try await TestDatabase.withDatabase(#function) { database in
            try await RoundTrip.psql(file: try RoundTrip.temporaryFile(compiled.fileText, name: "models_language"), database: database)
            let session = try await database.session()
            do {
                let first = try await session.query("INSERT INTO language (name) VALUES ('en') RETURNING code", [])
                let second = try await session.query("INSERT INTO language (name) VALUES ('fr') RETURNING code", [])
                #expect((first + second).map { $0[0] } == ["1", "2"])
                try await session.execute("INSERT INTO film (language_code) VALUES (2)")
                #expect(try await session.query("SELECT title FROM film_titles", []).first?[0] == "the untitled")
            } catch {
                await session.close()
                throw error
            }
            await session.close()
        }
    }
}
