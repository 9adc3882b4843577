/// One item of a FROM list (a table, view, subquery, CTE or function) as it is visible to the
/// expressions of its query.
struct NullabilityRangeItem: Sendable {
    /// Where the item's columns come from.
    enum Source: Sendable, Equatable {
        /// A table or view of the catalog, named directly.
        case relation(schema: String, name: String)
        /// A subquery, CTE, function or parenthesised join.
        case derived
    }

    /// The name that qualifies its columns: the alias, or the relation's own name.
    var qualifier: String?
    /// The relation's schema when it is named without an alias (for `schema.table.column`).
    var schema: String?
    var source: Source
    /// Its columns in order; nil when the analysis does not know them.
    var columns: [NullabilityColumn]?
    /// Whether the item is on the nullable side of an outer join.
    var isNullable = false

    /// Whether a column `name` of this item is proved not null, nil when it has no such column.
    func isNotNull(column name: String) -> Bool? {
        guard let column = columns?.first(where: { $0.name == name }) else { return nil }
        return column.isNotNull && !isNullable
    }

    /// Its columns as seen through the join it is in (all optional when it is nullable).
    var visibleColumns: [NullabilityColumn]? {
        columns?.map { NullabilityColumn(name: $0.name, isNotNull: $0.isNotNull && !isNullable) }
    }

    /// The item with its first columns renamed by an alias list `alias(a, b)`.
    func renamed(_ names: [String]) -> NullabilityRangeItem {
        var copy = self
        if var columns = copy.columns {
            for (offset, name) in names.enumerated() where offset < columns.count { columns[offset].name = name }
            copy.columns = columns
        } else if !names.isEmpty {
            copy.columns = names.map { NullabilityColumn(name: $0, isNotNull: false) }
        }
        return copy
    }
}
