import StrataSchema

/// User collations. The ICU locale moved from `collcollate` to `colliculocale` in
/// PostgreSQL 15 and to `colllocale` in 17; `to_json(c)` reads whichever the server has
/// without naming a column it may lack.
enum CollationCatalog: CatalogQuery {
    static let name = "collations"
    static let sql = #"""
        SELECT n.nspname, c.collname::text, c.collprovider::text, l.locale,
               CASE WHEN c.collprovider = 'c' THEN c.collctype::text ELSE l.locale END,
               c.collisdeterministic,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_collation'::regclass AND d.objsubid = 0),
               c.oid::text
        FROM pg_collation c
        JOIN user_namespace n ON n.oid = c.collnamespace
        CROSS JOIN LATERAL (
            SELECT coalesce(to_json(c) ->> 'colllocale', to_json(c) ->> 'colliculocale', c.collcollate::text) AS locale
        ) l
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_collation'::regclass AND e.objid = c.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, collation: Collation) {
        (try row.oid(7), Collation(
            name: QualifiedName(try row.string(0), try row.string(1)),
            provider: try row.string(2),
            locale: row.optionalString(3) ?? "",
            ctype: row.optionalString(4) ?? "",
            isDeterministic: try row.bool(5),
            comment: row.optionalString(6)
        ))
    }
}
