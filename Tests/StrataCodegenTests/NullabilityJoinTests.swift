import StrataCodegen
import Testing

/// Table columns, outer joins, `*` expansion and column resolution.
@Suite struct NullabilityJoinTests {
    private func check(_ sql: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(NullabilityTestCatalog.analyse(sql, like: expected) == expected, "\(sql)", sourceLocation: sourceLocation)
    }

    @Test func tableColumnsTakeTheirNotNull() {
        check("SELECT id, email, name FROM users", "!!?")
        check("SELECT u.id, u.name FROM users u", "!?")
        check("SELECT users.id, public.users.email FROM public.users", "!!")
        check("select ID, Email from USERS", "!!")
    }

    @Test func leftJoinMakesTheRightSideOptional() {
        check("SELECT u.id, o.id, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id", "!??")
        check("SELECT u.id, o.id FROM users u LEFT OUTER JOIN orders o ON o.user_id = u.id AND o.total > 0", "!?")
        check("SELECT u.id, o.id FROM users u JOIN orders o ON o.user_id = u.id", "!!")
        check("SELECT u.id, o.id FROM users u INNER JOIN orders o USING (id)", "!!")
    }

    @Test func rightJoinMakesEverythingBeforeOptional() {
        check("SELECT u.id, o.id, p.id FROM users u JOIN orders o ON o.user_id = u.id RIGHT JOIN products p ON p.id = o.id", "??!")
        check("SELECT u.id, o.id FROM users u RIGHT JOIN orders o ON o.user_id = u.id", "?!")
    }

    @Test func fullJoinMakesBothSidesOptional() {
        check("SELECT u.id, o.id FROM users u FULL OUTER JOIN orders o ON o.user_id = u.id", "??")
        check("SELECT u.id, o.id, p.id FROM users u FULL JOIN orders o ON true JOIN products p ON true", "??!")
    }

    @Test func commaAndCrossJoinsAreNotOuter() {
        check("SELECT u.id, o.id, p.title FROM users u, orders o CROSS JOIN products p", "!!!")
        check("SELECT u.id, o.id FROM users u, orders o LEFT JOIN products p ON p.id = o.id", "!!")
        check("SELECT p.id FROM users u, orders o LEFT JOIN products p ON p.id = o.id", "?")
    }

    @Test func nestedAndParenthesisedJoins() {
        check("SELECT u.id, o.id, p.id FROM users u LEFT JOIN (orders o JOIN products p ON p.id = o.id) ON o.user_id = u.id", "!??")
        check("SELECT u.id, o.id, p.id FROM users u LEFT JOIN orders o JOIN products p ON p.id = o.id ON o.user_id = u.id", "!??")
        check("SELECT u.id, o.id, p.id FROM (users u LEFT JOIN orders o ON o.user_id = u.id) JOIN products p ON true", "!?!")
        check("SELECT j.id FROM (users u JOIN orders o ON o.user_id = u.id) AS j", "!")
        check("SELECT u.id, o.id, p.id FROM users u LEFT JOIN orders o ON o.user_id = u.id LEFT JOIN products p ON p.id = o.id", "!??")
    }

    @Test func selfJoinsDecidePerRangeItem() {
        check("SELECT u.id, u.email, m.id, m.email FROM users u LEFT JOIN users m ON m.id = u.manager_id", "!!??")
        check("SELECT m.email, u.email FROM users u RIGHT JOIN users m ON m.id = u.manager_id", "!?")
    }

    @Test func starExpandsInCatalogOrder() {
        check("SELECT * FROM products", "!!?")
        check("SELECT * FROM products p LEFT JOIN users u ON u.id = p.id", "!!??????")
        check("SELECT p.*, u.id FROM products p LEFT JOIN users u ON u.id = p.id", "!!??")
        check("SELECT u.*, 1 FROM users u", "!!??!!")
        check("TABLE products", "!!?")
    }

    @Test func starOverUsingJoinsFallsBackOnTheServerTrace() {
        let sql = "SELECT * FROM users JOIN orders USING (id)"
        let origins: [DescribedColumn.Origin?] = [
            .init(schema: "public", relation: "users", column: "id"),
            .init(schema: "public", relation: "users", column: "email"),
            .init(schema: "public", relation: "users", column: "name"),
            .init(schema: "public", relation: "users", column: "manager_id"),
            .init(schema: "public", relation: "users", column: "created_at"),
            .init(schema: "public", relation: "orders", column: "user_id"),
            .init(schema: "public", relation: "orders", column: "total"),
            .init(schema: "public", relation: "orders", column: "note"),
            .init(schema: "public", relation: "orders", column: "shipped_at"),
            .init(schema: "public", relation: "orders", column: "status"),
        ]
        #expect(NullabilityTestCatalog.shape(sql, columns: 10, origins: origins) == "!!??!!!??!")
        #expect(NullabilityTestCatalog.shape("SELECT * FROM users u LEFT JOIN orders o USING (id)", columns: 2, origins: [
            .init(schema: "public", relation: "users", column: "id"), .init(schema: "public", relation: "orders", column: "total"),
        ]) == "!?")
        #expect(NullabilityTestCatalog.shape("SELECT * FROM generate_series(1, 3) g", columns: 1) == "?")
    }

    @Test func unqualifiedColumnsResolveAgainstTheFromItems() {
        check("SELECT email, total, note FROM users u JOIN orders o ON o.user_id = u.id", "!!?")
        check("SELECT email, total FROM users u LEFT JOIN orders o ON o.user_id = u.id", "!?")
        check("SELECT id FROM users u JOIN orders o ON o.user_id = u.id", "?")
        check("SELECT nope, u.nope, x.id FROM users u", "???")
        check("SELECT id, title FROM products, generate_series(1, 2) AS g", "!!")
    }

    @Test func quotedNamesKeepTheirCase() {
        check(#"SELECT "Id", id, "ID" FROM "Mixed Case""#, "!??")
        check(#"SELECT m."Id" AS "id!", m.id AS "id?" FROM "Mixed Case" m"#, "!?")
    }

    @Test func otherSchemasAndUnknownRelations() {
        check("SELECT id, payload FROM audit.events", "!?")
        check("SELECT e.id FROM audit.events e LEFT JOIN users u ON true", "!")
        check("SELECT id FROM events", "?")
        check("SELECT id FROM missing_table", "?")
    }
}
