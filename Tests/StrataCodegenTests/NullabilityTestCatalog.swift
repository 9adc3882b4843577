import StrataCodegen

/// A hand-built catalog for nullability tests: users, orders, products, a view over users, a
/// view over that view, and a table in a second schema.
enum NullabilityTestCatalog {
    static let catalog = NullabilityCatalog(relations: [
        table("users", ["id": true, "email": true, "name": false, "manager_id": false, "created_at": true],
              order: ["id", "email", "name", "manager_id", "created_at"]),
        table("orders", ["id": true, "user_id": true, "total": true, "note": false, "shipped_at": false, "status": true],
              order: ["id", "user_id", "total", "note", "shipped_at", "status"]),
        table("products", ["id": true, "title": true, "price": false], order: ["id", "title", "price"]),
        .init(schema: "public", name: "active_users", columns: [
            .init(name: "id", notNull: false), .init(name: "email", notNull: false), .init(name: "name", notNull: false),
        ], viewDefinition: " SELECT users.id,\n    users.email,\n    users.name\n   FROM users\n  WHERE (users.created_at IS NOT NULL);"),
        .init(schema: "public", name: "user_emails", columns: [
            .init(name: "id", notNull: false), .init(name: "email", notNull: false), .init(name: "label", notNull: false),
        ], viewDefinition: "SELECT a.id, a.email, coalesce(a.name, a.email) AS label FROM active_users a"),
        .init(schema: "public", name: "loop_view", columns: [.init(name: "x", notNull: false)],
              viewDefinition: "SELECT x FROM loop_view"),
        .init(schema: "audit", name: "events", columns: [.init(name: "id", notNull: true), .init(name: "payload", notNull: false)]),
        .init(schema: "public", name: "Mixed Case", columns: [.init(name: "Id", notNull: true), .init(name: "id", notNull: false)]),
    ])

    private static func table(_ name: String, _ columns: [String: Bool], order: [String]) -> NullabilityCatalog.Relation {
        .init(schema: "public", name: name, columns: order.map { .init(name: $0, notNull: columns[$0] ?? false) })
    }

    /// The analysis of `sql` written as one character per column: `!` not null, `?` may be NULL.
    /// `expected` gives the column count the server would describe.
    static func shape(_ sql: String, columns count: Int, origins: [DescribedColumn.Origin?] = []) -> String {
        let described = (0..<count).map { index in
            DescribedColumn(name: "c\(index)", origin: index < origins.count ? origins[index] : nil)
        }
        return String(NullabilityAnalyzer.mayBeNull(sql: sql, columns: described, catalog: catalog).map { $0 ? "?" : "!" })
    }

    /// ``shape(_:columns:origins:)`` with the count taken from `expected`'s length.
    static func analyse(_ sql: String, like expected: String) -> String {
        shape(sql, columns: expected.count)
    }
}
