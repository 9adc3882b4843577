import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: views and routines")
struct ViewAndRoutineInspectionTests {
    @Test func viewsAndMaterializedViews() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE users (id bigint, email text, active boolean)",
            "CREATE VIEW active_users WITH (security_barrier, check_option = local) AS SELECT id, email FROM users WHERE active",
            "COMMENT ON VIEW active_users IS 'who is here'",
            "COMMENT ON COLUMN active_users.email IS 'their mail'",
            "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users WITH NO DATA",
            "CREATE MATERIALIZED VIEW filled AS SELECT 1 AS one",
        ])
        #expect(schema.views == [
            View(
                name: QualifiedName("public", "active_users"),
                definition: "SELECT users.id,\n    users.email\n   FROM public.users\n  WHERE users.active",
                columns: [.init(name: "id", type: "bigint"), .init(name: "email", type: "text", comment: "their mail")],
                options: ["check_option=local", "security_barrier=true"],
                comment: "who is here"
            ),
            View(
                name: QualifiedName("public", "filled"), isMaterialized: true, definition: "SELECT 1 AS one",
                columns: [.init(name: "one", type: "integer")]
            ),
            View(
                name: QualifiedName("public", "user_count"), isMaterialized: true,
                definition: "SELECT count(*) AS n\n   FROM public.users",
                columns: [.init(name: "n", type: "bigint")], isPopulated: false
            ),
        ])
    }

    @Test func routines() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA app",
            "CREATE TABLE app.users (id bigint)",
            "CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$",
            "CREATE FUNCTION app.add(a bigint, b bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT a + b $$",
            "CREATE FUNCTION app.everyone() RETURNS SETOF app.users LANGUAGE sql STABLE AS $$ SELECT * FROM app.users $$",
            "CREATE FUNCTION app.pairs(OUT x int, OUT y text) RETURNS SETOF record LANGUAGE sql AS $$ VALUES (1, 'a') $$",
            "CREATE PROCEDURE app.say(message text) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', message; END $$",
            "COMMENT ON PROCEDURE app.say(text) IS 'speaks'",
            "CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer)",
        ])
        #expect(schema.routines.map { "\($0.name.name)(\($0.arguments)) \($0.kind) \($0.returns ?? "-") \($0.language)" } == [
            "add(a bigint, b bigint) function bigint sql",
            "add(a integer, b integer) function integer sql",
            "everyone() function SETOF app.users sql",
            "pairs(OUT x integer, OUT y text) function SETOF record sql",
            "say(IN message text) procedure - plpgsql",
            "total(integer) aggregate integer internal",
        ])
        let total = try #require(schema.routines.first { $0.kind == .aggregate })
        #expect(total.definition == "CREATE OR REPLACE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer)")
        let add = try #require(schema.routines.first { $0.arguments == "a integer, b integer" })
        #expect(add.definition == """
            CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)
             RETURNS integer
             LANGUAGE sql
             IMMUTABLE
            AS $function$ SELECT a + b $function$

            """)
        let say = try #require(schema.routines.first { $0.name.name == "say" })
        #expect(say.comment == "speaks")
        #expect(say.definition.contains("RAISE NOTICE '%', message;"))
        #expect(say.definition.hasPrefix("CREATE OR REPLACE PROCEDURE app.say(IN message text)"))
        #expect(schema.dependencies.contains(Dependency(
            from: .routine(QualifiedName("app", "everyone"), arguments: ""), to: .table(QualifiedName("app", "users"))
        )))
    }

    @Test func routineDependsOnItsArgumentAndResultTypes() async throws {
        let schema = try await Inspection.schema([
            "CREATE TYPE mood AS ENUM ('ok')",
            "CREATE DOMAIN posint AS integer CHECK (VALUE > 0)",
            "CREATE FUNCTION f(m mood) RETURNS posint LANGUAGE sql AS $$ SELECT 1 $$",
            "CREATE FUNCTION g(moods mood[]) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
        ])
        let f = ObjectID.routine(QualifiedName("public", "f"), arguments: "m public.mood")
        #expect(schema.dependencies.contains(Dependency(from: f, to: .type(QualifiedName("public", "mood")))))
        #expect(schema.dependencies.contains(Dependency(from: f, to: .type(QualifiedName("public", "posint")))))
        #expect(schema.dependencies.contains(Dependency(
            from: .routine(QualifiedName("public", "g"), arguments: "moods public.mood[]"), to: .type(QualifiedName("public", "mood"))
        )))
    }
}
