/// Decides, for each result column of a query, whether it may be NULL, and whether a query
/// always returns exactly one row: the pure core of `strata codegen`'s nullability inference.
///
/// The analysis reads the statement's structure from its tokens (FROM items and joins, CTEs,
/// subqueries, views, set operations, select-list expressions) against a
/// ``NullabilityCatalog``. It never traps and always terminates; anything it does not
/// understand reads as "may be NULL", so its `false` answers are proofs and its `true`
/// answers are the safe default.
public enum NullabilityAnalyzer {
    /// One Bool per result column of `sql` (same count and order as `columns`, which the server
    /// described): true when the column may be NULL.
    ///
    /// - Parameters:
    ///   - sql: one statement with parameters written as `$1`, `$2`, …: SELECT, WITH … SELECT,
    ///     VALUES, or INSERT/UPDATE/DELETE … RETURNING (also after WITH).
    ///   - columns: the result columns as the server described them; a column's `origin`
    ///     serves when the analysis cannot line its own columns up with them (for example
    ///     `*` over a USING join or over a function).
    ///   - catalog: the tables and views the statement can name.
    /// - Returns: `columns.count` values; a column is `false` (not null) only when the
    ///   analysis proves it: a NOT NULL table column outside the nullable side of every outer
    ///   join, a literal, `count`, `EXISTS`, a `COALESCE` with a not-null argument, and so on.
    public static func mayBeNull(sql: String, columns: [DescribedColumn], catalog: NullabilityCatalog) -> [Bool] {
        let result = NullabilityReader(sql: sql, catalog: catalog).statement()
        if let analysed = result.columns, analysed.count == columns.count {
            return analysed.map { !$0.isNotNull }
        }
        let onlyRelations = result.items.allSatisfy { $0.source != .derived }
        return columns.map { column in
            guard onlyRelations, let origin = column.origin else { return true }
            let matches = result.items.filter { $0.source == .relation(schema: origin.schema, name: origin.relation) }
            guard matches.count == 1 else { return true }
            return !(matches[0].isNotNull(column: origin.column) ?? false)
        }
    }

    /// True when the statement always returns exactly one row: a top-level SELECT (no set
    /// operation, GROUP BY, HAVING, LIMIT, OFFSET or FETCH) whose select list has an aggregate
    /// that is not a window function (`count`, `sum`, `max`, `array_agg`, …), or a SELECT
    /// without FROM and WHERE whose select list calls only built-in functions known to return
    /// one value (`SELECT 1`, `SELECT now()`; a user function might return a set).
    public static func returnsExactlyOneRow(sql: String) -> Bool {
        NullabilityReader(sql: sql, catalog: NullabilityCatalog(relations: [])).returnsExactlyOneRow()
    }
}
