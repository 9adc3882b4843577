/// What the expressions of one query level can see: the CTEs in scope, the FROM items of the
/// query itself and of the queries around it, and whether the query is grouped.
struct NullabilityScope: Sendable {
    /// CTEs visible by name (nil columns: known to exist, columns unknown).
    var commonTables: [String: [NullabilityColumn]?] = [:]
    /// The FROM items of this query level.
    var items: [NullabilityRangeItem] = []
    /// The FROM items of enclosing query levels, innermost last.
    var outer: [[NullabilityRangeItem]] = []
    /// Whether the query has a GROUP BY of plain expressions (aggregates see non-empty groups).
    var isGrouped = false
    /// Whether USING or NATURAL joins merge columns of this level (so `*` is not item by item).
    var mergesColumns = false
    /// How deep the analysis has nested, to stop on pathological input.
    var depth = 0

    /// The scope a nested query starts from: the same CTEs, this level's items (plus `lateral`
    /// ones) as its outer items.
    func nested(lateral: [NullabilityRangeItem] = []) -> NullabilityScope {
        NullabilityScope(commonTables: commonTables, items: [], outer: outer + [items + lateral], isGrouped: false, depth: depth + 1)
    }

    /// Whether the unqualified or qualified column reference `names` is proved not null.
    func isNotNull(reference names: [String]) -> Bool {
        guard let column = names.last else { return false }
        let qualifier = Array(names.dropLast())
        for level in ([items] + outer.reversed()) {
            if qualifier.isEmpty {
                let matches = level.compactMap { $0.isNotNull(column: column) }
                if matches.count == 1 { return matches[0] }
                if matches.count > 1 || level.contains(where: { $0.columns == nil }) { return false }
            } else {
                let table = qualifier[qualifier.count - 1]
                let schema = qualifier.count > 1 ? qualifier[qualifier.count - 2] : nil
                let item = level.first { item in
                    item.qualifier == table && (schema == nil || item.schema == schema)
                }
                if let item { return item.isNotNull(column: column) ?? false }
            }
        }
        return false
    }
}
