import StrataSchema

/// Enum types with their labels in sort order.
enum EnumCatalog: CatalogQuery {
    static let name = "enums"
    static let sql = #"""
        SELECT n.nspname, t.typname::text,
               (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0),
               t.oid::text, t.typarray::text
        FROM pg_type t
        JOIN user_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e'
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oids: [UInt32?], type: EnumType) {
        ([try row.oid(4), try row.oid(5)], EnumType(
            name: QualifiedName(try row.string(0), try row.string(1)),
            labels: try row.json(2, as: [String].self) ?? [],
            comment: row.optionalString(3)
        ))
    }
}
