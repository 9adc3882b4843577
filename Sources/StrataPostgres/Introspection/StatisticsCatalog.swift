import StrataSchema

/// Extended statistics objects (`pg_statistic_ext`) on the inspected tables.
enum StatisticsCatalog: CatalogQuery {
    static let name = "statistics"
    static let sql = #"""
        SELECT sn.nspname::text, s.stxname::text, r.nspname, r.relname, pg_get_statisticsobjdef(s.oid),
               NULLIF(s.stxstattarget, -1)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = s.oid AND d.classoid = 'pg_statistic_ext'::regclass AND d.objsubid = 0),
               s.oid::text
        FROM pg_statistic_ext s
        JOIN user_relation r ON r.oid = s.stxrelid
        JOIN pg_namespace sn ON sn.oid = s.stxnamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_statistic_ext'::regclass AND e.objid = s.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, statistics: StatisticsObject) {
        let target = try row.optionalInt(5)
        return (try row.oid(7), StatisticsObject(
            name: QualifiedName(try row.string(0), try row.string(1)),
            table: QualifiedName(try row.string(2), try row.string(3)),
            definition: try row.string(4),
            target: target,
            comment: row.optionalString(6)
        ))
    }
}
