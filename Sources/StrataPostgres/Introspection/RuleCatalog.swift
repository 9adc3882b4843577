import StrataSchema

/// Rewrite rules on the inspected tables and views, except each view's own `_RETURN`
/// rule (which is the view).
enum RuleCatalog: CatalogQuery {
    static let name = "rules"
    static let sql = #"""
        SELECT w.ev_class::text, w.rulename::text, pg_get_ruledef(w.oid), w.ev_enabled::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = w.oid AND d.classoid = 'pg_rewrite'::regclass AND d.objsubid = 0),
               w.oid::text
        FROM pg_rewrite w
        JOIN user_relation r ON r.oid = w.ev_class
        WHERE w.rulename <> '_RETURN'
        """#

    /// The rule keyed by its relation's oid, with its own oid.
    static func item(_ row: CatalogRow) throws -> (relation: String, oid: UInt32?, rule: Rule) {
        let definition = ViewCatalog.trimmedQuery(try row.string(2))
        return (try row.string(0), try row.oid(5), Rule(
            name: try row.string(1), definition: definition, enabled: try row.enabled(3), comment: row.optionalString(4)
        ))
    }
}
