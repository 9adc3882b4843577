import StrataSchema

/// Ordinary and partitioned tables (relkind `r`, `p`), without their members, keyed by
/// oid so that the other queries can attach columns, constraints, indexes, triggers,
/// policies and rules. The TOAST table's storage parameters join the table's with a
/// `toast.` prefix, as `ALTER TABLE … SET (toast.…)` names them.
enum TableCatalog: CatalogQuery {
    static let name = "tables"
    static let sql = #"""
        SELECT r.oid::text, r.nspname, r.relname, r.relkind::text, c.relpersistence::text,
               CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END,
               pn.nspname::text, pc.relname::text,
               CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, r.oid) END,
               (SELECT json_agg(json_build_array(hn.nspname, hc.relname) ORDER BY h.inhseqno)
                FROM pg_inherits h
                JOIN pg_class hc ON hc.oid = h.inhparent
                JOIN pg_namespace hn ON hn.oid = hc.relnamespace
                WHERE h.inhrelid = r.oid AND NOT c.relispartition)::text,
               c.relrowsecurity, c.relforcerowsecurity, to_json(c.reloptions)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
               c.reltype::text, (SELECT rt.typarray FROM pg_type rt WHERE rt.oid = c.reltype)::text,
               c.relreplident::text,
               CASE WHEN c.relreplident = 'i' THEN (
                   SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                   WHERE i.indrelid = r.oid AND i.indisreplident) END,
               (SELECT to_json(tc.reloptions) FROM pg_class tc WHERE tc.oid = c.reltoastrelid)::text
        FROM user_relation r
        JOIN pg_class c ON c.oid = r.oid
        LEFT JOIN pg_inherits pi ON pi.inhrelid = r.oid AND c.relispartition
        LEFT JOIN pg_class pc ON pc.oid = pi.inhparent
        LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
        WHERE r.relkind IN ('r', 'p')
        """#

    /// The table keyed by its oid, with its row type's oids (the type and its array).
    static func item(_ row: CatalogRow) throws -> (oid: String, rowTypes: [UInt32?], table: Table) {
        let kind: Table.Kind
        switch try row.string(3) {
        case "r": kind = .ordinary
        case "p": kind = .partitioned
        case let other: throw row.unexpected(3, "is relkind \"\(other)\", not r or p")
        }
        let partition = try row.optionalName(6, 7).map { Table.Partition(parent: $0, bound: try row.string(8)) }
        let inherits = try (row.json(9, as: [[String]].self) ?? []).map { pair in
            guard pair.count == 2 else { throw row.unexpected(9, "has a parent that is not a [schema, name] pair") }
            return QualifiedName(pair[0], pair[1])
        }
        let table = Table(
            name: QualifiedName(try row.string(1), try row.string(2)),
            kind: kind,
            isUnlogged: try row.string(4) == "u",
            partitionKey: row.optionalString(5),
            partitionOf: partition,
            inherits: inherits,
            rowSecurity: try row.bool(10),
            forceRowSecurity: try row.bool(11),
            options: ((try row.json(12, as: [String].self) ?? []) + (try row.json(18, as: [String].self) ?? []).map { "toast." + $0 }).sorted(),
            replicaIdentity: try replicaIdentity(row),
            comment: row.optionalString(13)
        )
        return (try row.string(0), [try row.oid(14), try row.oid(15)], table)
    }

    private static func replicaIdentity(_ row: CatalogRow) throws -> Table.ReplicaIdentity {
        switch try row.string(16) {
        case "d": return .default
        case "f": return .full
        case "n": return .nothing
        case "i":
            // An index dropped since the setting was made leaves `i` without an index,
            // which behaves as `nothing`.
            return row.optionalString(17).map { .index($0) } ?? .nothing
        case let other: throw row.unexpected(16, "is relreplident \"\(other)\"")
        }
    }
}
