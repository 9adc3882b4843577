import StrataSchema

/// Range types (`typtype` `r`) with their multirange types (PostgreSQL 14 and later;
/// `rngmultitypid`; 13 has none).
enum RangeTypeCatalog: CatalogQuery {
    static let name = "range types"
    static let sql = #"""
        SELECT n.nspname, t.typname::text, format_type(r.rngsubtype, NULL),
               CASE WHEN NOT oc.opcdefault THEN ocn.nspname::text END, oc.opcname::text,
               cn.nspname::text, co.collname::text,
               CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END,
               CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END,
               mn.nspname::text, m.typname::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0),
               t.oid::text, t.typarray::text, m.oid::text, m.typarray::text
        FROM pg_type t
        JOIN user_namespace n ON n.oid = t.typnamespace
        JOIN pg_range r ON r.rngtypid = t.oid
        JOIN pg_opclass oc ON oc.oid = r.rngsubopc
        JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
        JOIN pg_type st ON st.oid = r.rngsubtype
        LEFT JOIN pg_collation co ON co.oid = r.rngcollation AND r.rngcollation <> st.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        LEFT JOIN pg_type m ON m.oid = r.rngmultitypid
        LEFT JOIN pg_namespace mn ON mn.oid = m.typnamespace
        WHERE t.typtype = 'r'
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
        """#

    /// PostgreSQL 13 has no multirange types.
    static func sql(serverVersion: Int) -> String {
        serverVersion >= 140000 ? sql : sql.replacingOccurrences(of: "m.oid = r.rngmultitypid", with: "false")
    }

    /// The range type and the oids standing for it (its type, its array, its multirange
    /// type and that one's array, all in `pg_type`).
    static func item(_ row: CatalogRow) throws -> (types: [UInt32?], type: RangeType) {
        let name = QualifiedName(try row.string(0), try row.string(1))
        var multirange = try row.optionalName(9, 10)
        if multirange == RangeType.defaultMultirangeName(for: name) { multirange = nil }
        return ([try row.oid(12), try row.oid(13), try row.oid(14), try row.oid(15)], RangeType(
            name: name,
            subtype: try row.string(2),
            subtypeOperatorClass: try row.optionalName(3, 4),
            collation: try row.optionalName(5, 6),
            canonical: row.optionalString(7),
            subtypeDifference: row.optionalString(8),
            multirangeName: multirange,
            comment: row.optionalString(11)
        ))
    }
}
