import StrataCodegen
import Testing

/// Robustness: any text, however broken, gets one answer per described column, in bounded time.
@Suite struct NullabilityFuzzTests {
    /// SplitMix64: a seeded generator, so every run feeds the same inputs.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    private static let fragments = [
        "SELECT", "FROM", "WHERE", "WITH", "RECURSIVE", "AS", "(", ")", "[", "]", ",", ".", "*", "::", ";", "$1", "1",
        "'x'", "\"Q\"", "users", "orders", "u", "o", "id", "name", "email", "LEFT", "RIGHT", "FULL", "JOIN", "ON",
        "USING", "CROSS", "NATURAL", "LATERAL", "UNION", "ALL", "EXCEPT", "INTERSECT", "GROUP", "BY", "HAVING",
        "ORDER", "LIMIT", "CASE", "WHEN", "THEN", "ELSE", "END", "NOT", "IS", "NULL", "DISTINCT", "AND", "OR", "=",
        "+", "->>", "count", "coalesce", "max", "sum", "OVER", "FILTER", "EXISTS", "ARRAY", "CAST", "INSERT",
        "INTO", "VALUES", "UPDATE", "SET", "DELETE", "RETURNING", "TABLE", "active_users", "loop_view", "--",
        "/*", "$$", "E'", "ROLLUP", "ONLY", "TABLESAMPLE", "WITHIN", "AT", "TIME", "ZONE", "BETWEEN", "IN",
    ]

    private static let statements = [
        "SELECT u.id, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.id = $1",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT n, count(*) FROM t GROUP BY n",
        "SELECT CASE WHEN a.id > 1 THEN coalesce(a.name, 'x') ELSE NULL END, EXISTS (SELECT 1) FROM active_users a",
        "UPDATE orders o SET total = p.id FROM products p WHERE p.id = o.id RETURNING o.*, p.title",
        "INSERT INTO users AS u (email) VALUES ($1) ON CONFLICT (email) DO NOTHING RETURNING *",
        "(SELECT id FROM users) UNION (SELECT id FROM orders) ORDER BY 1 LIMIT 3",
        "SELECT * FROM users u FULL JOIN (orders o JOIN products p USING (id)) ON true, LATERAL (SELECT u.id) s",
    ]

    private func check(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for count in [0, 1, 3] {
            let columns = (0..<count).map { DescribedColumn(name: "c\($0)") }
            let result = NullabilityAnalyzer.mayBeNull(sql: sql, columns: columns, catalog: NullabilityTestCatalog.catalog)
            #expect(result.count == count, "\(sql)", sourceLocation: sourceLocation)
        }
        _ = NullabilityAnalyzer.returnsExactlyOneRow(sql: sql)
    }

    @Test func randomTokenSoup() {
        var generator = SeededGenerator(state: 12)
        for _ in 0..<1500 {
            let length = Int.random(in: 0...40, using: &generator)
            let words = (0..<length).map { _ in Self.fragments.randomElement(using: &generator) ?? "" }
            check(words.joined(separator: Bool.random(using: &generator) ? " " : ""))
        }
    }

    @Test func truncatedAndDamagedStatements() {
        var generator = SeededGenerator(state: 99)
        for statement in Self.statements {
            let characters = Array(statement)
            for end in 0...characters.count {
                check(String(characters[..<end]))
                check(String(characters[end...]))
            }
            for _ in 0..<100 {
                var damaged = characters
                let cut = Int.random(in: 0..<damaged.count, using: &generator)
                damaged.remove(at: cut)
                damaged.insert(Self.fragments.randomElement(using: &generator)?.first ?? " ", at: Int.random(in: 0..<damaged.count, using: &generator))
                check(String(damaged))
            }
        }
    }

    @Test func deepNestingStaysBounded() {
        let depth = 3000
        check(String(repeating: "(", count: depth))
        check("SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth))
        check("SELECT " + String(repeating: "CASE WHEN true THEN ", count: depth) + "1")
        check("SELECT * FROM " + String(repeating: "(", count: depth) + "users" + String(repeating: ")", count: depth))
        check("SELECT 1 FROM users" + String(repeating: " JOIN users", count: depth) + String(repeating: " ON true", count: depth))
        check(String(repeating: "WITH RECURSIVE a AS (", count: 200) + "SELECT 1" + String(repeating: ") SELECT * FROM a", count: 200))
        check(String(repeating: "(SELECT 1 UNION ", count: depth) + "SELECT 2" + String(repeating: ")", count: depth))
        check("SELECT " + String(repeating: "coalesce(", count: depth) + "1" + String(repeating: ")", count: depth))
        #expect(NullabilityTestCatalog.shape("SELECT " + String(repeating: "(", count: 20) + "1" + String(repeating: ")", count: 20), columns: 1) == "!")
    }
}
