import StrataSchema

/// Domains with their check constraints (a domain's `NOT NULL` is `typnotnull`; servers
/// from 17 on also list it in `pg_constraint` as contype `n`, which is skipped).
enum DomainCatalog: CatalogQuery {
    static let name = "domains"
    static let sql = #"""
        SELECT n.nspname, t.typname::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull,
               pg_get_expr(t.typdefaultbin, 0), cn.nspname::text, co.collname::text,
               (SELECT json_agg(json_build_array(c.conname, pg_get_constraintdef(c.oid)) ORDER BY c.conname)
                FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c')::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0),
               t.oid::text, t.typarray::text,
               (SELECT json_agg(c.oid::text) FROM pg_constraint c WHERE c.contypid = t.oid)::text
        FROM pg_type t
        JOIN user_namespace n ON n.oid = t.typnamespace
        JOIN pg_type b ON b.oid = t.typbasetype
        LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> b.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE t.typtype = 'd'
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
        """#

    /// The domain, the oids standing for it (its type, array type and constraints, in `pg_type`
    /// and `pg_constraint`).
    static func item(_ row: CatalogRow) throws -> (types: [UInt32?], constraints: [UInt32], domain: DomainType) {
        let constraints = try row.json(7, as: [[String]].self) ?? []
        let constraintOIDs = (try row.json(11, as: [String].self) ?? []).compactMap { UInt32($0) }
        return ([try row.oid(9), try row.oid(10)], constraintOIDs, DomainType(
            name: QualifiedName(try row.string(0), try row.string(1)),
            baseType: try row.string(2),
            isNotNull: try row.bool(3),
            defaultExpression: row.optionalString(4),
            collation: try row.optionalName(5, 6),
            constraints: try constraints.map { pair in
                guard pair.count == 2 else { throw row.unexpected(7, "has a constraint that is not a [name, definition] pair") }
                return DomainType.Constraint(name: pair[0], definition: pair[1])
            },
            comment: row.optionalString(8)
        ))
    }
}
