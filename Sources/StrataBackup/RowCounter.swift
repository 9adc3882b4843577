import StrataPostgres
import StrataSQL
import StrataSchema

/// Counts the rows of every table a backup holds, exactly, on a session (inside the
/// caller's transaction, so that the counts belong to its snapshot).
///
/// The tables are the ordinary tables and partitions of every user schema (each leaf
/// counted on its own, `FROM ONLY`, so no row is counted twice), unlogged ones included
/// as `pg_dump` dumps their rows. Left out, as `pg_dump` leaves out their rows: temporary
/// tables, and tables that belong to an extension.
public enum RowCounter {
    /// How many tables one counting query reads (`UNION ALL` of their counts).
    static let tablesPerQuery = 100

    /// The tables whose rows are counted, sorted.
    public static func tables(on session: any DatabaseSession) async throws -> [QualifiedName] {
        let rows = try await session.query("""
            SELECT n.nspname::text, c.relname::text
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
              AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_depend d
                WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
              )
            """)
        return rows.compactMap { row in
            guard let schema = row[0], let name = row[1] else { return nil }
            return QualifiedName(schema, name)
        }.sorted()
    }

    /// The exact row count of each table, in the order given.
    ///
    /// - Throws: ``DatabaseError`` when a count fails (a table dropped meanwhile, outside a
    ///   snapshot).
    public static func count(_ tables: [QualifiedName], on session: any DatabaseSession) async throws -> [TableRowCount] {
        var counts: [TableRowCount] = []
        counts.reserveCapacity(tables.count)
        var start = 0
        while start < tables.count {
            let chunk = tables[start..<min(start + tablesPerQuery, tables.count)]
            let sql = chunk.enumerated().map { offset, table in
                "SELECT \(offset)::int4 AS i, pg_catalog.count(*)::int8 AS n FROM ONLY "
                    + SQLIdentifier.quote(table.schema) + "." + SQLIdentifier.quote(table.name)
            }.joined(separator: " UNION ALL ")
            var found = [Int64?](repeating: nil, count: chunk.count)
            for row in try await session.query(sql) {
                guard let index = row[0].flatMap({ Int($0) }), index < found.count else { continue }
                found[index] = row[1].flatMap { Int64($0) }
            }
            for (offset, table) in chunk.enumerated() {
                guard let rows = found[offset] else {
                    throw DatabaseError(.unexpectedResult, "counting the rows of \(table) gave no number")
                }
                counts.append(TableRowCount(table: table, rows: rows))
            }
            start += tablesPerQuery
        }
        return counts
    }
}
