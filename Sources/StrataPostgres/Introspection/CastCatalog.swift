import StrataSchema

/// User-defined casts (`pg_cast` rows made by `CREATE CAST`, not by an extension nor
/// with a type, as the cast from a range type to its multirange type is) that
/// involve an inspected schema: their source type, target type or function is in one.
/// Casts between built-in types with built-in functions belong to no schema, and are read
/// only when every schema is inspected.
enum CastCatalog: CatalogQuery {
    static let name = "casts"
    static let sql = #"""
        SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castmethod::text, c.castcontext::text,
               fn.nspname::text, f.proname::text,
               CASE WHEN f.oid IS NOT NULL THEN pg_get_function_identity_arguments(f.oid) END,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_cast'::regclass AND d.objsubid = 0),
               c.oid::text
        FROM pg_cast c
        JOIN pg_type s ON s.oid = c.castsource
        JOIN pg_type t ON t.oid = c.casttarget
        LEFT JOIN pg_proc f ON f.oid = c.castfunc
        LEFT JOIN pg_namespace fn ON fn.oid = f.pronamespace
        WHERE c.oid >= 16384
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_cast'::regclass AND e.objid = c.oid AND e.deptype IN ('e', 'i'))
          AND ($1::json IS NULL
               OR s.typnamespace IN (SELECT oid FROM user_namespace)
               OR t.typnamespace IN (SELECT oid FROM user_namespace)
               OR f.pronamespace IN (SELECT oid FROM user_namespace))
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, cast: Cast) {
        let method: Cast.Method
        switch try row.string(2) {
        case "f":
            method = .function(.routine(QualifiedName(try row.string(4), try row.string(5)), arguments: try row.string(6)))
        case "b": method = .binary
        case "i": method = .inOut
        case let other: throw row.unexpected(2, "is castmethod \"\(other)\"")
        }
        let context: Cast.Context
        switch try row.string(3) {
        case "e": context = .explicit
        case "a": context = .assignment
        case "i": context = .implicit
        case let other: throw row.unexpected(3, "is castcontext \"\(other)\"")
        }
        return (try row.oid(8), Cast(
            source: try row.string(0), target: try row.string(1), method: method, context: context, comment: row.optionalString(7)
        ))
    }
}
