import StrataSchema

/// Functions and procedures (`prokind` `f` and `p`; not aggregates or window functions).
enum RoutineCatalog: CatalogQuery {
    static let name = "routines"
    static let sql = #"""
        SELECT n.nspname, p.proname::text, pg_get_function_identity_arguments(p.oid), p.prokind::text,
               CASE WHEN p.prokind = 'f' THEN pg_get_function_result(p.oid) END, l.lanname::text,
               pg_get_functiondef(p.oid),
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0),
               p.oid::text
        FROM pg_proc p
        JOIN user_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
        WHERE p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, routine: Routine) {
        let kind: Routine.Kind
        switch try row.string(3) {
        case "f": kind = .function
        case "p": kind = .procedure
        case let other: throw row.unexpected(3, "is prokind \"\(other)\"")
        }
        return (try row.oid(8), Routine(
            name: QualifiedName(try row.string(0), try row.string(1)),
            arguments: try row.string(2),
            kind: kind,
            returns: row.optionalString(4),
            language: try row.string(5),
            definition: try row.string(6),
            comment: row.optionalString(7)
        ))
    }
}
