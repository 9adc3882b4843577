import StrataPostgres
import StrataSchema

/// What a backup is checked by: a database's schema and the exact row count of every
/// table, both read in one snapshot.
public struct DatabaseInventory: Sendable, Hashable {
    public var schema: Schema
    /// Sorted by table; `rows` nil when not counted.
    public var tables: [TableRowCount]

    public init(schema: Schema, tables: [TableRowCount]) {
        self.schema = schema
        self.tables = tables
    }

    /// Reads the inventory inside the `REPEATABLE READ` transaction the caller has open on
    /// `session` (left open, with `search_path` set to `pg_catalog` for the rest of it).
    ///
    /// - Parameters:
    ///   - comparison: whether privileges and owners are read into the schema.
    ///   - countingRows: false leaves every `rows` nil (a schema-only backup).
    public static func read(
        inTransactionOf session: any DatabaseSession, comparison: ComparisonScope, countingRows: Bool
    ) async throws -> DatabaseInventory {
        let schema = try await SchemaInspector(options: .init(comparison: comparison)).inspect(inTransactionOf: session)
        let tables = try await RowCounter.tables(on: session)
        let counts = countingRows
            ? try await RowCounter.count(tables, on: session)
            : tables.map { TableRowCount(table: $0, rows: nil) }
        return DatabaseInventory(schema: schema, tables: counts)
    }

    /// Reads the inventory of a database nobody else changes (a restored copy), in a
    /// transaction of its own.
    public static func read(
        _ session: any DatabaseSession, comparison: ComparisonScope, countingRows: Bool
    ) async throws -> DatabaseInventory {
        try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        do {
            let inventory = try await read(inTransactionOf: session, comparison: comparison, countingRows: countingRows)
            try await session.execute("COMMIT")
            return inventory
        } catch {
            try? await session.execute("ROLLBACK")
            throw error
        }
    }
}
