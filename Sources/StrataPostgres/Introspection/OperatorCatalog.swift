import StrataSchema

/// User-defined operators in the inspected schemas, except shell operators (`oprcode`
/// 0: placeholders PostgreSQL makes for a commutator or negator named before it exists).
/// The clauses after `FUNCTION` are rendered here, every name schema-qualified.
enum OperatorCatalog: CatalogQuery {
    static let name = "operators"
    static let sql = #"""
        SELECT n.nspname, o.oprname::text,
               CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END, format_type(o.oprright, NULL),
               fn.nspname::text, f.proname::text, pg_get_function_identity_arguments(f.oid),
               (SELECT json_agg(clause ORDER BY position) FROM (
                    SELECT 1 AS position, 'COMMUTATOR = OPERATOR(' || quote_ident(cn.nspname) || '.' || co.oprname || ')' AS clause
                    FROM pg_operator co JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom
                    UNION ALL
                    SELECT 2, 'NEGATOR = OPERATOR(' || quote_ident(nn.nspname) || '.' || no.oprname || ')'
                    FROM pg_operator no JOIN pg_namespace nn ON nn.oid = no.oprnamespace WHERE no.oid = o.oprnegate
                    UNION ALL
                    SELECT 3, 'RESTRICT = ' || o.oprrest::regproc::text WHERE o.oprrest <> 0
                    UNION ALL
                    SELECT 4, 'JOIN = ' || o.oprjoin::regproc::text WHERE o.oprjoin <> 0
                    UNION ALL
                    SELECT 5, 'HASHES' WHERE o.oprcanhash
                    UNION ALL
                    SELECT 6, 'MERGES' WHERE o.oprcanmerge
                ) clauses)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = o.oid AND d.classoid = 'pg_operator'::regclass AND d.objsubid = 0),
               o.oid::text
        FROM pg_operator o
        JOIN user_namespace n ON n.oid = o.oprnamespace
        JOIN pg_proc f ON f.oid = o.oprcode
        JOIN pg_namespace fn ON fn.oid = f.pronamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_operator'::regclass AND e.objid = o.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, operator: Operator) {
        (try row.oid(9), Operator(
            name: QualifiedName(try row.string(0), try row.string(1)),
            leftType: row.optionalString(2),
            rightType: try row.string(3),
            function: .routine(QualifiedName(try row.string(4), try row.string(5)), arguments: try row.string(6)),
            clauses: try row.json(7, as: [String].self) ?? [],
            comment: row.optionalString(8)
        ))
    }
}
