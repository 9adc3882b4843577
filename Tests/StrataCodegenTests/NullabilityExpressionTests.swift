import StrataCodegen
import Testing

/// Expressions that are, or are not, provably not null.
@Suite struct NullabilityExpressionTests {
    private func check(_ sql: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(NullabilityTestCatalog.analyse(sql, like: expected) == expected, "\(sql)", sourceLocation: sourceLocation)
    }

    @Test func literals() {
        check("SELECT 1, 'a', 2.5, TRUE, false, NULL, $1, E'x\\n', $$y$$", "!!!!!??!!")
        check("SELECT -1, DATE '2024-01-01', interval '1 day', timestamp with time zone '2024-01-01 00:00'", "!!!!")
    }

    @Test func operatorsNeedEveryOperand() {
        check("SELECT id + 1, id || email, name || 'x', id = 1, created_at > now() AND id < 5, name IS NULL OR id > 1 FROM users", "!!?!!!")
        check("SELECT NOT (id = 1), id BETWEEN 1 AND 10, id IN (1, 2), id IN (1, NULL), email LIKE 'a%', name ILIKE 'a%' FROM users", "!!!?!?")
        check("SELECT id = ANY($1), id IN (SELECT user_id FROM orders) FROM users", "??")
        check("SELECT created_at AT TIME ZONE 'UTC', -id, email NOT LIKE 'x' FROM users", "!!!")
    }

    @Test func jsonOperatorsMayYieldNull() {
        check("SELECT email::jsonb -> 'a', email::jsonb ->> 'a', email::jsonb #>> '{a}' FROM users", "???")
    }

    @Test func nullTestsAndDistinctAreNeverNull() {
        check("SELECT name IS NULL, name IS NOT NULL, name IS DISTINCT FROM email, name IS NOT DISTINCT FROM $1, name ISNULL, (name = 'x') IS TRUE FROM users", "!!!!!!")
    }

    @Test func coalesceNeedsOneNotNullArgument() {
        check("SELECT coalesce(name, email), COALESCE(name, 'anonymous'), coalesce(name, $1), coalesce(name, manager_id::text) FROM users", "!!??")
        check("SELECT greatest(name, email), least(name, NULL) FROM users", "!?")
    }

    @Test func nullifIsOptional() {
        check("SELECT nullif(email, ''), NULLIF(1, 2) FROM users", "??")
    }

    @Test func caseNeedsEveryBranchAndAnElse() {
        check("SELECT CASE WHEN id > 1 THEN 'a' ELSE 'b' END FROM users", "!")
        check("SELECT CASE WHEN id > 1 THEN 'a' END FROM users", "?")
        check("SELECT CASE WHEN id > 1 THEN name ELSE 'b' END FROM users", "?")
        check("SELECT CASE id WHEN 1 THEN email WHEN 2 THEN 'two' ELSE CASE WHEN true THEN 'x' ELSE 'y' END END AS kind FROM users", "!")
        check("SELECT CASE WHEN name IS NULL THEN 'none' ELSE name END FROM users", "?")
    }

    @Test func castsFollowTheirOperand() {
        check("SELECT id::text, CAST(id AS bigint), name::text, CAST(name AS varchar(10)), id::numeric(10, 2)::text, email COLLATE \"C\" FROM users", "!!??!!")
        check("SELECT created_at::timestamp with time zone, created_at::double precision FROM users", "!!")
    }

    @Test func existsAndCountAreNeverNull() {
        check("SELECT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id), NOT EXISTS (SELECT 1 FROM orders) FROM users u", "!!")
        check("SELECT count(*), count(name), count(DISTINCT email) FROM users", "!!!")
    }

    @Test func scalarSubqueriesAndParametersAreOptional() {
        check("SELECT (SELECT max(id) FROM orders), (SELECT 1), $1::int, ($2) FROM users", "????")
    }

    @Test func builtInValuesAndFunctions() {
        check("SELECT now(), current_timestamp, current_date, current_user, pg_catalog.now(), current_timestamp(3), current_schema", "!!!!!!?")
        check("SELECT lower(email), upper(name), length(email), extract(year FROM created_at), date_trunc('day', created_at) FROM users", "!?!!!")
        check("SELECT my_function(id), concat(name, 'x'), jsonb_build_object('a', name), ARRAY[name], ARRAY(SELECT 1) FROM users", "?!!!!")
        check("SELECT substring(email FROM 1 FOR 3), trim(BOTH ' ' FROM email), position('@' IN email), position('@' IN name) FROM users", "!!!?")
    }

    @Test func windowFunctions() {
        check("SELECT row_number() OVER (ORDER BY id), rank() OVER w, dense_rank() OVER (PARTITION BY email ORDER BY id) FROM users WINDOW w AS (ORDER BY id)", "!!!")
        check("SELECT sum(id) OVER (PARTITION BY email), max(id) OVER (), lag(id) OVER (ORDER BY id), count(*) OVER () FROM users", "???!")
    }

    @Test func subscriptsAndFieldsAreOptional() {
        check("SELECT (ARRAY[1, 2])[1], (u).id FROM users u", "??")
    }

    @Test func aliasesWithAndWithoutAs() {
        check(#"SELECT id AS "id!", name AS "name?", email e, id + 1 next_id, count(*) total FROM users GROUP BY id"#, "!?!!!")
    }
}
