import StrataSchema

/// Installed extensions whose schema is inspected (so not `plpgsql`, which lives in
/// `pg_catalog`).
enum ExtensionCatalog: CatalogQuery {
    static let name = "extensions"
    static let sql = #"""
        SELECT x.extname::text, n.nspname, x.extversion, x.oid::text
        FROM pg_extension x JOIN user_namespace n ON n.oid = x.extnamespace
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, extension: Extension) {
        (try row.oid(3), Extension(name: try row.string(0), schema: try row.string(1), version: try row.string(2)))
    }
}
