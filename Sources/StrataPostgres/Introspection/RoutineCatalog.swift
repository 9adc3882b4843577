import StrataSchema

/// Functions (window functions included), procedures and aggregates (`prokind` `f`, `w`,
/// `p`, `a`), except those PostgreSQL makes for a type (a range type's constructors, with
/// an internal dependency on it). A function's definition is `pg_get_functiondef`; PostgreSQL has no such
/// function for aggregates, so an aggregate's `CREATE OR REPLACE AGGREGATE` statement is
/// built here from `pg_aggregate`, with every support function and operator
/// schema-qualified (the inspection runs with `search_path = pg_catalog`).
enum RoutineCatalog: CatalogQuery {
    static let name = "routines"
    static let sql = #"""
        SELECT n.nspname, p.proname::text,
               CASE WHEN p.prokind = 'a' AND p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END,
               p.prokind::text,
               CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END, l.lanname::text,
               CASE WHEN p.prokind = 'a' THEN (
                   SELECT 'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('
                          || CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END || ') ('
                          || concat_ws(', ',
                                 'SFUNC = ' || a.aggtransfn::regproc::text,
                                 'STYPE = ' || format_type(a.aggtranstype, NULL),
                                 CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
                                 CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
                                 CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
                                 CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = '
                                      || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
                                 CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
                                 CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
                                 CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
                                 CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
                                 CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
                                 CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
                                 CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
                                 CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
                                 CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
                                 CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
                                 CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = '
                                      || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
                                 CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,
                                 CASE WHEN a.aggsortop <> 0 THEN (
                                     SELECT 'SORTOP = OPERATOR(' || quote_ident(son.nspname) || '.' || so.oprname || ')'
                                     FROM pg_operator so JOIN pg_namespace son ON son.oid = so.oprnamespace
                                     WHERE so.oid = a.aggsortop) END,
                                 CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END,
                                 CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END)
                          || ')'
                   FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
               ELSE pg_get_functiondef(p.oid) END,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0),
               p.oid::text
        FROM pg_proc p
        JOIN user_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, routine: Routine) {
        let kind: Routine.Kind
        switch try row.string(3) {
        case "f", "w": kind = .function
        case "p": kind = .procedure
        case "a": kind = .aggregate
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
