import StrataCodegen
import Testing

/// Aggregates over possibly empty sets, grouping, and single-row detection for `:one`.
@Suite struct NullabilityAggregateTests {
    private func check(_ sql: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(NullabilityTestCatalog.analyse(sql, like: expected) == expected, "\(sql)", sourceLocation: sourceLocation)
    }

    @Test func aggregatesOverAPossiblyEmptySetAreOptional() {
        check("SELECT count(*), sum(total), max(id), min(id), avg(total) FROM orders", "!????")
        check("SELECT array_agg(id), string_agg(email, ','), json_agg(id), bool_and(id > 0) FROM users", "????")
        check("SELECT coalesce(sum(total), 0), coalesce(max(id), $1) FROM orders", "!?")
    }

    @Test func groupedAggregatesSeeAtLeastOneRow() {
        check("SELECT user_id, count(*), sum(total), max(note), min(id), avg(total) FROM orders GROUP BY user_id", "!!!?!!")
        check("SELECT user_id, array_agg(note), json_agg(id ORDER BY id), string_agg(note, ','), string_agg(status, ', ' ORDER BY id) FROM orders GROUP BY user_id", "!!!?!")
        check("SELECT user_id, sum(total) FILTER (WHERE total > 0), bool_or(DISTINCT total > 0) FROM orders GROUP BY 1", "!?!")
        check("SELECT user_id, max(total) FROM orders GROUP BY user_id HAVING count(*) > 1", "!!")
    }

    @Test func groupingSetsMakeGroupedColumnsOptional() {
        check("SELECT user_id, count(*), max(total) FROM orders GROUP BY ROLLUP (user_id)", "?!?")
        check("SELECT user_id, max(total) FROM orders GROUP BY GROUPING SETS ((user_id), ())", "??")
    }

    @Test func havingWithoutGroupByIsStillOneGroup() {
        check("SELECT max(total) FROM orders HAVING count(*) > 0", "?")
    }

    @Test func singleRowStatements() {
        let one = [
            "SELECT count(*) FROM users",
            "SELECT sum(total), max(id) FROM orders WHERE user_id = $1",
            "SELECT coalesce(max(id), 0) FROM orders",
            "WITH x AS (SELECT id FROM users) SELECT count(*) FROM x",
            "SELECT 1",
            "SELECT now()",
            "SELECT $1::int + 1, 'a'",
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)",
            "(SELECT count(*) FROM users)",
            "select ARRAY(SELECT id FROM users)",
        ]
        for sql in one {
            #expect(NullabilityAnalyzer.returnsExactlyOneRow(sql: sql), "\(sql)")
        }
    }

    @Test func statementsThatMayReturnOtherThanOneRow() {
        let other = [
            "SELECT id FROM users",
            "SELECT user_id, count(*) FROM orders GROUP BY user_id",
            "SELECT count(*) FROM orders HAVING count(*) > 1",
            "SELECT count(*) FROM users UNION ALL SELECT count(*) FROM orders",
            "SELECT count(*) FROM users LIMIT 1",
            "SELECT count(*) FROM users OFFSET 1",
            "SELECT count(*) OVER () FROM users",
            "SELECT (SELECT count(*) FROM orders) FROM users",
            "SELECT 1 WHERE $1",
            "SELECT generate_series(1, 3)",
            "SELECT count(*), unnest(ARRAY[1, 2]) FROM users",
            "SELECT my_function($1)",
            "INSERT INTO users (email) VALUES ($1) RETURNING count(*)",
            "VALUES (1)",
            "",
        ]
        for sql in other {
            #expect(!NullabilityAnalyzer.returnsExactlyOneRow(sql: sql), "\(sql)")
        }
    }
}
