/// One output column of a query, table, view, subquery or CTE as nullability analysis sees it.
struct NullabilityColumn: Sendable, Equatable {
    /// The column's name (nil when the analysis cannot name it).
    var name: String?
    /// Whether the column is proved never to be NULL.
    var isNotNull: Bool
}
