import StrataSchema

/// Standalone composite types (`CREATE TYPE … AS (…)`, relkind `c`), attributes in order.
enum CompositeTypeCatalog: CatalogQuery {
    static let name = "composite types"
    static let sql = #"""
        SELECT n.nspname, t.typname::text,
               (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod), acn.nspname, aco.collname)
                                ORDER BY a.attnum)
                FROM pg_attribute a
                JOIN pg_type at ON at.oid = a.atttypid
                LEFT JOIN pg_collation aco ON aco.oid = a.attcollation AND a.attcollation <> at.typcollation
                LEFT JOIN pg_namespace acn ON acn.oid = aco.collnamespace
                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0),
               t.oid::text, t.typarray::text, t.typrelid::text
        FROM pg_type t
        JOIN user_namespace n ON n.oid = t.typnamespace
        JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
        WHERE t.typtype = 'c'
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
        """#

    /// The type, its oid and array type's (in `pg_type`) and its relation's (in `pg_class`).
    static func item(_ row: CatalogRow) throws -> (types: [UInt32?], relation: UInt32?, type: CompositeType) {
        let attributes = try row.json(2, as: [[String?]].self) ?? []
        return ([try row.oid(4), try row.oid(5)], try row.oid(6), CompositeType(
            name: QualifiedName(try row.string(0), try row.string(1)),
            attributes: try attributes.map { entry in
                guard entry.count == 4, let name = entry[0], let type = entry[1] else {
                    throw row.unexpected(2, "has an attribute that is not [name, type, collation schema, collation]")
                }
                let collation = entry[2].flatMap { schema in entry[3].map { QualifiedName(schema, $0) } }
                return CompositeType.Attribute(name: name, type: type, collation: collation)
            },
            comment: row.optionalString(3)
        ))
    }
}
