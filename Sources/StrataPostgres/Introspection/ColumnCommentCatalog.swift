/// Comments on the columns of the inspected tables, read apart from the columns: most
/// columns have none, and one pass over the comments costs less than a lookup for every
/// column.
enum ColumnCommentCatalog: CatalogQuery {
    static let name = "column comments"
    static let sql = #"""
        SELECT d.objoid::text, d.objsubid::text, d.description
        FROM pg_description d
        JOIN user_relation r ON r.oid = d.objoid
        WHERE d.classoid = 'pg_class'::regclass AND d.objsubid > 0 AND r.relkind IN ('r', 'p')
        """#

    /// The comment keyed by its table's oid and its column's number.
    static func item(_ row: CatalogRow) throws -> (table: String, number: Int32, comment: String) {
        guard let number = Int32(try row.string(1)) else { throw row.unexpected(1, "is not a column number") }
        return (try row.string(0), number, try row.string(2))
    }
}
