import StrataSchema

/// Indexes of tables and materialized views that do not back a constraint of their own
/// table (a foreign key's `conindid` names the referenced table's index, which stays); a
/// partition's copy of a partitioned index comes with the index it is attached to.
enum IndexCatalog: CatalogQuery {
    static let name = "indexes"
    static let sql = #"""
        SELECT x.indrelid::text, r.nspname, i.relname::text, pg_get_indexdef(x.indexrelid), x.indisunique,
               am.amname::text,
               (SELECT json_agg(a.attname ORDER BY k.position)
                FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, position)
                LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                WHERE k.position <= x.indnkeyatts)::text,
               x.indisvalid, i.relkind = 'I',
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = x.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
               x.indexrelid::text, pn.nspname::text, p.relname::text,
               (SELECT json_agg(a.attname ORDER BY k.position)
                FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                WHERE k.position > x.indnkeyatts)::text
        FROM pg_index x
        JOIN user_relation r ON r.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_am am ON am.oid = i.relam
        LEFT JOIN pg_inherits h ON h.inhrelid = x.indexrelid
        LEFT JOIN pg_class p ON p.oid = h.inhparent
        LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE r.relkind IN ('r', 'p', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                          WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x'))
        """#

    /// The index with its table left empty: the inspector fills it from the relation.
    static func item(_ row: CatalogRow) throws -> (relation: String, oid: UInt32?, index: Index) {
        let index = Index(
            name: QualifiedName(try row.string(1), try row.string(2)),
            table: QualifiedName("", ""),
            definition: try row.string(3),
            isUnique: try row.bool(4),
            method: try row.string(5),
            columns: try row.json(6, as: [String?].self) ?? [],
            includedColumns: try row.json(13, as: [String].self) ?? [],
            isValid: try row.bool(7),
            isPartitioned: try row.bool(8),
            parentIndex: try row.optionalName(11, 12),
            comment: row.optionalString(9)
        )
        return (try row.string(0), try row.oid(10), index)
    }
}
