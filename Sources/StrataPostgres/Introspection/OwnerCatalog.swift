import StrataSchema

/// The owner of every object in the schemas read, as bare catalog addresses that
/// ``ObjectResolver`` turns into the model's identities (rows it does not know, such as
/// array types or a table's row type, are left out). Read only when owners are compared.
///
/// On PostgreSQL 14 and earlier the `public` schema belongs to the bootstrap superuser;
/// it is read as `pg_database_owner`, its owner from PostgreSQL 15 on.
enum OwnerCatalog: CatalogQuery {
    static let name = "owners"
    static let sql = #"""
        , owned AS (
            SELECT 'pg_namespace'::regclass::oid AS catalog, n.oid,
                   CASE WHEN n.nspname = 'public' AND p.nspowner = 10 AND current_setting('server_version_num')::int < 150000
                        THEN 'pg_database_owner' ELSE pg_get_userbyid(p.nspowner)::text END AS owner
            FROM user_namespace n JOIN pg_namespace p ON p.oid = n.oid
            UNION ALL
            SELECT 'pg_class'::regclass::oid, c.oid, pg_get_userbyid(c.relowner)::text
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
            UNION ALL
            SELECT 'pg_proc'::regclass::oid, p.oid, pg_get_userbyid(p.proowner)::text
            FROM pg_proc p JOIN user_namespace n ON n.oid = p.pronamespace
            UNION ALL
            SELECT 'pg_type'::regclass::oid, t.oid, pg_get_userbyid(t.typowner)::text
            FROM pg_type t JOIN user_namespace n ON n.oid = t.typnamespace
            WHERE NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
              AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))
            UNION ALL
            SELECT 'pg_collation'::regclass::oid, c.oid, pg_get_userbyid(c.collowner)::text
            FROM pg_collation c JOIN user_namespace n ON n.oid = c.collnamespace
            UNION ALL
            SELECT 'pg_operator'::regclass::oid, o.oid, pg_get_userbyid(o.oprowner)::text
            FROM pg_operator o JOIN user_namespace n ON n.oid = o.oprnamespace
            UNION ALL
            SELECT 'pg_ts_config'::regclass::oid, c.oid, pg_get_userbyid(c.cfgowner)::text
            FROM pg_ts_config c JOIN user_namespace n ON n.oid = c.cfgnamespace
            UNION ALL
            SELECT 'pg_ts_dict'::regclass::oid, d.oid, pg_get_userbyid(d.dictowner)::text
            FROM pg_ts_dict d JOIN user_namespace n ON n.oid = d.dictnamespace
            UNION ALL
            SELECT 'pg_statistic_ext'::regclass::oid, s.oid, pg_get_userbyid(s.stxowner)::text
            FROM pg_statistic_ext s JOIN user_namespace n ON n.oid = s.stxnamespace
        )
        SELECT o.catalog::int8::text, o.oid::int8::text, o.owner FROM owned o
        """#

    static func item(_ row: CatalogRow) throws -> (address: CatalogAddress, owner: String) {
        guard let catalog = try row.oid(0), let oid = try row.oid(1) else {
            throw row.unexpected(0, "does not hold a catalog address")
        }
        return (CatalogAddress(catalog, oid), try row.string(2))
    }
}
