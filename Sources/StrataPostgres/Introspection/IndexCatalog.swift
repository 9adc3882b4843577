import StrataSchema

/// Indexes of tables and materialized views that do not back a constraint of their own
/// table (a foreign key's `conindid` names the referenced table's index, which stays); a
/// partition's copy of a partitioned index comes with the index it is attached to.
///
/// The definition is `pg_get_indexdef`, except for the commonest shape, which is spelled
/// here the way `pg_get_indexdef` spells it, because that function opens the index's table
/// (building its relation cache entry) and scans `pg_opclass` for every column: a valid
/// plain B-tree index on columns, without expressions, predicate, storage parameters,
/// `INCLUDE`, `NULLS NOT DISTINCT` or sort options, whose every column uses its own
/// collation and the built-in default operator class of its type (which `pg_get_indexdef`
/// leaves out: the class whose input type is the column's, or `text_ops` for `varchar`,
/// as PostgreSQL picks for it when no default class is declared for `varchar` itself).
///
/// Key columns are looked up one by one (an expression's 0 finds none, hence NULL) rather
/// than joined against all of the table's attributes; the included columns only when the
/// index has some; the constraints' indexes are hashed once rather than probed per index.
enum IndexCatalog: CatalogQuery {
    static let name = "indexes"
    static let sql = #"""
        SELECT x.indrelid::text, r.nspname, i.relname::text,
               CASE WHEN am.amname = 'btree' AND i.relkind = 'i' AND x.indexprs IS NULL AND x.indpred IS NULL
                         AND i.reloptions IS NULL AND x.indnatts = x.indnkeyatts AND NOT x.indnullsnotdistinct AND k.plain
                    THEN 'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(i.relname)
                         || ' ON ' || quote_ident(r.nspname) || '.' || quote_ident(r.relname) || ' USING btree (' || k.list || ')'
                    ELSE pg_get_indexdef(x.indexrelid) END,
               x.indisunique, am.amname::text, k.names::text, x.indisvalid, i.relkind = 'I',
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = x.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
               x.indexrelid::text, pn.nspname::text, p.relname::text,
               \#(CatalogQueries.includedColumns(index: "x", table: "x.indrelid"))
        FROM pg_index x
        JOIN user_relation r ON r.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_am am ON am.oid = i.relam
        LEFT JOIN pg_inherits h ON h.inhrelid = x.indexrelid
        LEFT JOIN pg_class p ON p.oid = h.inhparent
        LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
        -- The key columns: their names, and whether each is plain (see above). B-tree is
        -- access method 403 and 16384 the first oid of a user object in every version.
        CROSS JOIN LATERAL (
            SELECT json_agg(a.attname ORDER BY k.position) AS names,
                   string_agg(quote_ident(a.attname), ', ' ORDER BY k.position) AS list,
                   bool_and(k.attnum > 0 AND k.option = 0 AND (k.collation = 0 OR k.collation = a.attcollation)
                            AND (k.opclass, CASE WHEN a.atttypid = 'varchar'::regtype
                                                      AND NOT EXISTS (SELECT 1 FROM pg_opclass v
                                                                      WHERE v.opcmethod = 403 AND v.opcdefault
                                                                        AND v.opcintype = 'varchar'::regtype)
                                                 THEN 'text'::regtype ELSE a.atttypid END)
                                IN (SELECT o.oid, o.opcintype FROM pg_opclass o
                                    WHERE o.opcmethod = 403 AND o.opcdefault AND o.oid < 16384)) AS plain
            FROM unnest(x.indkey::int2[], x.indclass::oid[], x.indcollation::oid[], x.indoption::int2[])
                 WITH ORDINALITY k(attnum, opclass, "collation", option, position)
            LEFT JOIN LATERAL (SELECT a.attname, a.atttypid, a.attcollation FROM pg_attribute a
                               WHERE a.attrelid = x.indrelid AND a.attnum = k.attnum OFFSET 0) a ON true
            WHERE k.position <= x.indnkeyatts
        ) k
        WHERE r.relkind IN ('r', 'p', 'm')
          AND (x.indexrelid, x.indrelid) NOT IN (SELECT c.conindid, c.conrelid FROM pg_constraint c
                                                 WHERE c.contype IN ('p', 'u', 'x'))
        """#

    /// PostgreSQL 13 and 14 have no `NULLS NOT DISTINCT`.
    static func sql(serverVersion: Int) -> String {
        serverVersion >= 150000 ? sql : sql.replacingOccurrences(of: " AND NOT x.indnullsnotdistinct", with: "")
    }

    /// The index with its table left empty: the inspector fills it from the relation.
    static func item(_ row: CatalogRow) throws -> (relation: String, oid: UInt32?, index: Index) {
        let index = Index(
            name: QualifiedName(try row.string(1), try row.string(2)),
            table: QualifiedName("", ""),
            definition: try row.string(3),
            isUnique: try row.bool(4),
            method: try row.string(5),
            columns: try row.json(6, as: [String?].self) ?? [],
            includedColumns: try row.json(13, as: [String].self) ?? [],
            isValid: try row.bool(7),
            isPartitioned: try row.bool(8),
            parentIndex: try row.optionalName(11, 12),
            comment: row.optionalString(9)
        )
        return (try row.string(0), try row.oid(10), index)
    }
}
