import StrataSchema

/// Columns of the tables, in `attnum` order. A generated column's expression goes to
/// `generatedExpression`, not to the default; an identity column carries its sequence's
/// options (the sequence with an internal dependency on the column).
enum ColumnCatalog: CatalogQuery {
    static let name = "columns"
    static let sql = #"""
        , identity_sequence AS (
            SELECT d.refobjid AS relid, d.refobjsubid AS attnum, s.*
            FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
              AND d.deptype = 'i' AND d.refobjsubid > 0
        )
        SELECT a.attrelid::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
               CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
               a.attidentity::text, format_type(s.seqtypid, NULL),
               s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle,
               cn.nspname::text, co.collname::text, a.attislocal,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum)
        FROM user_relation r
        JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN identity_sequence s ON a.attidentity <> '' AND s.relid = a.attrelid AND s.attnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE r.relkind IN ('r', 'p')
        ORDER BY a.attrelid, a.attnum
        """#

    static func item(_ row: CatalogRow) throws -> (table: String, column: Column) {
        var identity: Column.Identity?
        switch row.optionalString(6) ?? "" {
        case "": identity = nil
        case "a": identity = .init(generation: .always, options: try SequenceOptions(row, from: 7))
        case "d": identity = .init(generation: .byDefault, options: try SequenceOptions(row, from: 7))
        case let other: throw row.unexpected(6, "is attidentity \"\(other)\", not a or d")
        }
        let column = Column(
            name: try row.string(1),
            type: try row.string(2),
            isNotNull: try row.bool(3),
            defaultExpression: row.optionalString(4),
            identity: identity,
            generatedExpression: row.optionalString(5),
            collation: try row.optionalName(14, 15),
            isLocal: try row.bool(16),
            comment: row.optionalString(17)
        )
        return (try row.string(0), column)
    }
}
