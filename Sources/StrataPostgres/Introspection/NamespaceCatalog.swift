import StrataSchema

/// Schemas, with their comments. `public` is listed even when empty; its default
/// comment (`standard public schema`) is ignored.
enum NamespaceCatalog: CatalogQuery {
    static let name = "schemas"
    static let sql = #"""
        SELECT n.nspname,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
                  AND NOT (n.nspname = 'public' AND d.description = 'standard public schema')),
               n.oid::text
        FROM user_namespace n
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, namespace: Namespace) {
        (try row.oid(2), Namespace(name: try row.string(0), comment: row.optionalString(1)))
    }
}
