import StrataSchema

/// Table constraints: primary key, unique, check, foreign key, exclusion. A partition's
/// copies of its parent's keys and foreign keys (`conparentid <> 0`) are read with the
/// name of the parent's constraint; the copies a foreign key gets for each partition of
/// the table it references (on the same table as their parent) are internal and skipped.
///
/// A primary key's or unique constraint's definition on plain columns is spelled here as
/// `pg_get_constraintdef` spells it (`PRIMARY KEY (id)`, `UNIQUE (a, b)`, each name as
/// `quote_ident` quotes it), from the names read anyway; the others come from
/// `pg_get_constraintdef`.
///
/// Key columns are looked up one by one (`OFFSET 0` keeps each lookup an index probe
/// instead of a hash join over all of the table's attributes); the backing index's
/// included columns only when it has some.
enum ConstraintCatalog: CatalogQuery {
    static let name = "constraints"
    static let sql = #"""
        SELECT c.conrelid::text, c.conname::text, c.contype::text,
               CASE WHEN c.contype IN ('p', 'u') AND i.indnatts = i.indnkeyatts AND NOT i.indnullsnotdistinct
                         AND NOT c.condeferrable AND c.convalidated AND key.count = cardinality(c.conkey)
                    THEN CASE c.contype WHEN 'p' THEN 'PRIMARY KEY (' ELSE 'UNIQUE (' END || key.list || ')'
                    ELSE pg_get_constraintdef(c.oid) END,
               key.names::text,
               f.nspname, f.relname,
               CASE WHEN c.contype = 'f' THEN (
                   SELECT json_agg(a.attname ORDER BY k.position)
                   FROM unnest(c.confkey) WITH ORDINALITY k(attnum, position)
                   CROSS JOIN LATERAL (SELECT a.attname FROM pg_attribute a
                                       WHERE a.attrelid = c.confrelid AND a.attnum = k.attnum OFFSET 0) a)::text END,
               c.condeferrable, c.condeferred, c.convalidated, c.conislocal,
               i.relname,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0),
               c.oid::text, CASE WHEN c.contype IN ('p', 'u', 'x') THEN c.conindid END::text,
               pc.conname,
               \#(CatalogQueries.includedColumns(index: "i", table: "c.conrelid"))
        FROM pg_constraint c
        JOIN user_relation r ON r.oid = c.conrelid
        LEFT JOIN LATERAL (
            SELECT json_agg(a.attname ORDER BY k.position) AS names,
                   string_agg(quote_ident(a.attname), ', ' ORDER BY k.position) AS list, count(*) AS count
            FROM unnest(c.conkey) WITH ORDINALITY k(attnum, position)
            CROSS JOIN LATERAL (SELECT a.attname FROM pg_attribute a
                                WHERE a.attrelid = c.conrelid AND a.attnum = k.attnum OFFSET 0) a
        ) key ON true
        -- Each lookup below runs only for the constraints it is about (a one-time filter,
        -- which OFFSET 0 keeps from becoming a join filter after the probe).
        LEFT JOIN LATERAL (
            SELECT pc.conname::text AS conname, pc.conrelid FROM pg_constraint pc
            WHERE c.conparentid <> 0 AND pc.oid = c.conparentid OFFSET 0
        ) pc ON true
        LEFT JOIN LATERAL (
            SELECT fn.nspname::text AS nspname, f.relname::text AS relname
            FROM pg_class f JOIN pg_namespace fn ON fn.oid = f.relnamespace
            WHERE c.contype = 'f' AND f.oid = c.confrelid OFFSET 0
        ) f ON true
        LEFT JOIN LATERAL (
            SELECT i.relname::text AS relname, x.indnatts, x.indnkeyatts, x.indkey, x.indnullsnotdistinct
            FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid
            WHERE c.contype IN ('p', 'u', 'x') AND i.oid = c.conindid OFFSET 0
        ) i ON true
        WHERE c.contype IN ('p', 'u', 'c', 'f', 'x') AND r.relkind IN ('r', 'p')
          AND (pc.conrelid IS NULL OR pc.conrelid <> c.conrelid)
        """#

    /// PostgreSQL 13 and 14 have no `NULLS NOT DISTINCT`.
    static func sql(serverVersion: Int) -> String {
        guard serverVersion < 150000 else { return sql }
        return sql.replacingOccurrences(of: " AND NOT i.indnullsnotdistinct", with: "")
            .replacingOccurrences(of: ", x.indnullsnotdistinct", with: "")
    }

    /// The constraint keyed by its table's oid, with its own oid and its backing index's.
    static func item(_ row: CatalogRow) throws -> (table: String, oid: UInt32?, index: UInt32?, constraint: Constraint) {
        let kind: Constraint.Kind
        switch try row.string(2) {
        case "p": kind = .primaryKey
        case "u": kind = .unique
        case "c": kind = .check
        case "f": kind = .foreignKey
        case "x": kind = .exclusion
        case let other: throw row.unexpected(2, "is contype \"\(other)\"")
        }
        let constraint = Constraint(
            name: try row.string(1),
            kind: kind,
            definition: try row.string(3),
            columns: try row.json(4, as: [String].self) ?? [],
            includedColumns: try row.json(17, as: [String].self) ?? [],
            referencedTable: try row.optionalName(5, 6),
            referencedColumns: try row.json(7, as: [String].self) ?? [],
            isDeferrable: try row.bool(8),
            isInitiallyDeferred: try row.bool(9),
            isValidated: try row.bool(10),
            isLocal: try row.bool(11),
            parentConstraint: row.optionalString(16),
            indexName: row.optionalString(12),
            comment: row.optionalString(13)
        )
        return (try row.string(0), try row.oid(14), try row.oid(15), constraint)
    }
}
