import StrataSchema

/// User triggers on tables and views: not internal (foreign-key and deferred-unique
/// triggers are) and not a partition's copy of its parent's trigger (`tgparentid`,
/// PostgreSQL 13 and newer).
enum TriggerCatalog: CatalogQuery {
    static let name = "triggers"
    static let sql = #"""
        SELECT t.tgrelid::text, t.tgname::text, pg_get_triggerdef(t.oid), t.tgenabled::text,
               pn.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0),
               t.oid::text
        FROM pg_trigger t
        JOIN user_relation r ON r.oid = t.tgrelid
        JOIN pg_proc p ON p.oid = t.tgfoid
        JOIN pg_namespace pn ON pn.oid = p.pronamespace
        WHERE NOT t.tgisinternal AND t.tgparentid = 0
        """#

    static func item(_ row: CatalogRow) throws -> (relation: String, oid: UInt32?, trigger: Trigger) {
        let trigger = Trigger(
            name: try row.string(1),
            definition: try row.string(2),
            enabled: try row.enabled(3),
            function: .routine(QualifiedName(try row.string(4), try row.string(5)), arguments: try row.string(6)),
            comment: row.optionalString(7)
        )
        return (try row.string(0), try row.oid(8), trigger)
    }
}
