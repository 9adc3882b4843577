import StrataSchema

/// Objects whose ACL is not NULL (a NULL ACL is the built-in default): schemas,
/// relations (tables, views, materialized views, sequences), columns, routines and
/// types, as bare catalog addresses that ``ObjectResolver`` turns into the model's
/// identities, so that every kind the resolver knows gets its privileges read.
///
/// Each row carries the ACL and what `acldefault` would be for its kind and owner, both
/// exploded into `[grantee kind, grantee, privilege, grantable]` entries: grantee kind
/// `p` for PUBLIC, `o` for the owner, `r` for another role. The inspection drops rows
/// whose ACL equals the default, so a `GRANT` undone by a `REVOKE` reads as no change.
/// The owner's `MAINTAIN` on a table (PostgreSQL 17 and later) is part of every table's
/// default there and is left out, so that the privileges mean the same on every version.
/// The `public` schema's fallback is what `initdb` gives it: `USAGE` for `PUBLIC` from
/// PostgreSQL 15 on, `CREATE` and `USAGE` before (both read as the one default of
/// ``ObjectPrivileges/builtInDefault(for:)``).
enum PrivilegeCatalog: CatalogQuery {
    static let name = "privileges"
    static let sql = #"""
        , acl_object AS (
            SELECT 'pg_namespace'::regclass::oid AS catalog, n.oid, 0 AS subid, NULL::text AS column_name,
                   p.nspowner AS owner, p.nspacl AS acl,
                   CASE WHEN n.nspname <> 'public' THEN acldefault('n'::"char", p.nspowner)
                        WHEN current_setting('server_version_num')::int < 150000
                        THEN acldefault('n'::"char", p.nspowner) || makeaclitem(0, p.nspowner, 'USAGE', false)
                             || makeaclitem(0, p.nspowner, 'CREATE', false)
                        ELSE acldefault('n'::"char", p.nspowner) || makeaclitem(0, p.nspowner, 'USAGE', false) END AS fallback
            FROM user_namespace n JOIN pg_namespace p ON p.oid = n.oid
            WHERE p.nspacl IS NOT NULL
            UNION ALL
            SELECT 'pg_class'::regclass::oid, c.oid, 0, NULL, c.relowner, c.relacl,
                   acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relacl IS NOT NULL
            UNION ALL
            SELECT 'pg_class'::regclass::oid, c.oid, a.attnum, a.attname::text, c.relowner, a.attacl, NULL
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN user_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
            UNION ALL
            SELECT 'pg_proc'::regclass::oid, p.oid, 0, NULL, p.proowner, p.proacl, acldefault('f'::"char", p.proowner)
            FROM pg_proc p JOIN user_namespace n ON n.oid = p.pronamespace
            WHERE p.proacl IS NOT NULL
            UNION ALL
            SELECT 'pg_type'::regclass::oid, t.oid, 0, NULL, t.typowner, t.typacl, acldefault('T'::"char", t.typowner)
            FROM pg_type t JOIN user_namespace n ON n.oid = t.typnamespace
            WHERE t.typacl IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
              AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))
        )
        SELECT o.catalog::int8::text, o.oid::int8::text, o.subid::text, o.column_name,
               (SELECT json_agg(json_build_array(
                           CASE WHEN x.grantee = 0 THEN 'p' WHEN x.grantee = o.owner THEN 'o' ELSE 'r' END,
                           CASE WHEN x.grantee = 0 OR x.grantee = o.owner THEN '' ELSE pg_get_userbyid(x.grantee)::text END,
                           x.privilege_type, CASE WHEN x.is_grantable THEN 't' ELSE 'f' END))
                FROM aclexplode(o.acl) x WHERE NOT (x.grantee = o.owner AND x.privilege_type = 'MAINTAIN')),
               (SELECT json_agg(json_build_array(
                           CASE WHEN x.grantee = 0 THEN 'p' WHEN x.grantee = o.owner THEN 'o' ELSE 'r' END,
                           CASE WHEN x.grantee = 0 OR x.grantee = o.owner THEN '' ELSE pg_get_userbyid(x.grantee)::text END,
                           x.privilege_type, CASE WHEN x.is_grantable THEN 't' ELSE 'f' END))
                FROM aclexplode(o.fallback) x WHERE NOT (x.grantee = o.owner AND x.privilege_type = 'MAINTAIN'))
        FROM acl_object o
        """#

    /// One object's ACL, and the default it would have, at a catalog address.
    struct Item {
        var address: CatalogAddress
        /// The column's name, for a column's ACL.
        var column: String?
        var grants: [PrivilegeGrant]
        /// `acldefault` for the kind and owner; nil for columns, whose default is no grants.
        var fallback: [PrivilegeGrant]?
    }

    static func item(_ row: CatalogRow) throws -> Item {
        guard let catalog = try row.oid(0), let oid = try row.oid(1), let subID = Int32(try row.string(2)) else {
            throw row.unexpected(0, "does not hold a catalog address")
        }
        return Item(
            address: CatalogAddress(catalog, oid, subID),
            column: row.optionalString(3),
            grants: try grants(row, 4) ?? [],
            fallback: try grants(row, 5)
        )
    }

    /// Exploded ACL entries, normalised; nil for NULL.
    static func grants(_ row: CatalogRow, _ column: Int) throws -> [PrivilegeGrant]? {
        guard let entries = try row.json(column, as: [[String]].self) else { return nil }
        return PrivilegeGrant.normalized(try entries.map { entry in
            guard entry.count == 4 else { throw row.unexpected(column, "has an ACL entry of \(entry.count) parts") }
            let grantee: Grantee
            switch entry[0] {
            case "p": grantee = .public
            case "o": grantee = .owner
            default: grantee = .role(entry[1])
            }
            return PrivilegeGrant(grantee, entry[2], withGrantOption: entry[3] == "t")
        })
    }
}
