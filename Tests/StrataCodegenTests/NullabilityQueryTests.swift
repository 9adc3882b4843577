import StrataCodegen
import Testing

/// Subqueries, CTEs, views, set operations and RETURNING.
@Suite struct NullabilityQueryTests {
    private func check(_ sql: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(NullabilityTestCatalog.analyse(sql, like: expected) == expected, "\(sql)", sourceLocation: sourceLocation)
    }

    @Test func otherClausesDoNotConfuseTheReader() {
        check("SELECT DISTINCT ON (email) email, name FROM users ORDER BY email, id DESC", "!?")
        check("SELECT id, name FROM ONLY users * AS u WHERE id IS DISTINCT FROM $1 FOR UPDATE SKIP LOCKED", "!?")
        check("SELECT u.id FROM users u TABLESAMPLE SYSTEM (10) REPEATABLE (1) LEFT JOIN orders o ON true", "!")
        check("SELECT a IS DISTINCT FROM b FROM (SELECT id AS a, name AS b FROM users) s", "!")
        check("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SEARCH DEPTH FIRST BY n SET ord SELECT n, ord FROM t", "!?")
        check("SELECT g, u.id FROM users u, generate_series(1, 3) AS g", "?!")
        check("SELECT x.v FROM users u, unnest(ARRAY[1]) AS x(v)", "?")
    }

    @Test func subqueriesInFromKeepTheirColumns() {
        check("SELECT s.id, s.name, s.n FROM (SELECT id, name, 1 AS n FROM users) s", "!?!")
        check("SELECT id, label FROM (SELECT u.id, coalesce(u.name, u.email) label FROM users u) AS s", "!!")
        check("SELECT s.a, s.b FROM (SELECT id, name FROM users) AS s(a, b)", "!?")
        check("SELECT * FROM (SELECT id, name FROM users) s", "!?")
    }

    @Test func subqueriesOnTheNullableSideAreOptional() {
        check("SELECT u.id, s.total FROM users u LEFT JOIN (SELECT user_id, total FROM orders) s ON s.user_id = u.id", "!?")
        check("SELECT u.id, s.c FROM users u LEFT JOIN LATERAL (SELECT count(*) AS c FROM orders o WHERE o.user_id = u.id) s ON true", "!?")
        check("SELECT u.id, s.c FROM users u CROSS JOIN LATERAL (SELECT count(*) AS c FROM orders o WHERE o.user_id = u.id) s", "!!")
        check("SELECT s.email FROM (SELECT m.email FROM users u LEFT JOIN users m ON m.id = u.manager_id) s", "?")
    }

    @Test func commonTableExpressions() {
        check("WITH recent AS (SELECT id, note FROM orders) SELECT id, note FROM recent", "!?")
        check("WITH c(a, b) AS (SELECT id, 'x' FROM users) SELECT c.a, c.b FROM c", "!!")
        check("WITH a AS (SELECT id FROM users), b AS (SELECT id, id + 1 AS n FROM a) SELECT b.n FROM b", "!")
        check("WITH totals AS MATERIALIZED (SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id) SELECT * FROM totals", "!!")
    }

    @Test func leftJoinToACommonTableIsOptional() {
        let sql = """
            WITH totals AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id)
            SELECT u.id, t.n, t.user_id FROM users u LEFT JOIN totals t ON t.user_id = u.id
            """
        check(sql, "!??")
    }

    @Test func recursiveCommonTables() {
        check("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT n FROM t", "!")
        let chain = """
            WITH RECURSIVE chain AS (
              SELECT id, manager_id, 1 AS depth FROM users WHERE id = $1
              UNION ALL
              SELECT u.id, u.manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.manager_id
            )
            SELECT id, manager_id, depth FROM chain
            """
        check(chain, "!?!")
        check("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT NULL::int FROM t) SELECT n FROM t", "?")
        check("WITH RECURSIVE t(n, m) AS (SELECT 1, 2 UNION ALL SELECT m, NULL FROM t) SELECT n, m FROM t", "??")
    }

    @Test func viewsAreReadThroughTheirDefinition() {
        check("SELECT id, email, name FROM active_users", "!!?")
        check("SELECT * FROM user_emails", "!!!")
        check("SELECT u.id, a.email FROM users u LEFT JOIN active_users a ON a.id = u.id", "!?")
        check("SELECT x FROM loop_view", "?")
    }

    @Test func setOperationsNeedEveryUnionBranch() {
        check("SELECT id, email FROM users UNION ALL SELECT id, note FROM orders", "!?")
        check("SELECT id, name FROM users UNION SELECT 1, 'x' ORDER BY 1 LIMIT 3", "!?")
        check("SELECT id, name FROM users EXCEPT SELECT 1, NULL", "!?")
        check("SELECT name, email FROM users INTERSECT SELECT note, note FROM orders", "?!")
        check("(SELECT id FROM users) UNION (SELECT NULL)", "?")
        check("VALUES (1, 'a'), (2, NULL)", "!?")
        check("SELECT a.column1, a.column2 FROM (VALUES (1, 'a'), ($1, 'b')) a", "?!")
    }

    @Test func returningTakesTheTargetsNotNull() {
        check("INSERT INTO orders (user_id, total) VALUES ($1, $2) RETURNING id, note, total * 2, note IS NULL", "!?!!")
        check("INSERT INTO users AS u (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING u.id, u.name", "!?")
        check("UPDATE users SET name = $1 WHERE id = $2 RETURNING *", "!!??!")
        check("UPDATE orders o SET total = p.id FROM products p WHERE p.id = o.id RETURNING o.id, p.title, p.price", "!!?")
        check("DELETE FROM orders WHERE id = $1 RETURNING id, shipped_at", "!?")
        check("DELETE FROM orders o USING users u WHERE u.id = o.user_id RETURNING u.email, o.note", "!?")
        check("WITH gone AS (DELETE FROM orders RETURNING user_id, note) SELECT user_id, note FROM gone", "!?")
        check("WITH x AS (SELECT 1 AS v) INSERT INTO products (title) SELECT 'a' FROM x RETURNING id, price", "!?")
        check("UPDATE users SET name = 'x'", "")
    }

    @Test func statementsEndAtTheirSemicolon() {
        check("SELECT id FROM users; SELECT name FROM users", "!")
        check("SELECT id FROM users -- comment\n /* block */ ;", "!")
    }
}
