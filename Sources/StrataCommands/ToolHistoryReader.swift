import StrataAdopt
import StrataPostgres

/// Reads another tool's history table (the I/O half of ``ToolHistory``): finds the table,
/// checks that it has the tool's columns, and returns its rows as text.
struct ToolHistoryReader: Sendable {
    let history: ToolHistory
    /// The table as the user named it (or the tool's default), resolved like SQL does:
    /// `name` on the search path, or `schema.name`.
    let table: String

    struct Result: Sendable {
        /// The table's name as PostgreSQL prints it (quoted where needed, qualified when
        /// not on the search path).
        var table: String
        var rows: [[String?]]
    }

    func read(on session: any DatabaseSession) async throws -> Result {
        let name: String?
        do {
            name = try await session.scalar("SELECT to_regclass($1)::text", [table])
        } catch let error as DatabaseError where error.server?.sqlState == "42602" || error.server?.sqlState == "42601" {
            throw AdoptError(.historyMissing, "\"\(table)\" is not a table name", hint: "give --history-table as name or schema.name")
        }
        guard let name else {
            throw AdoptError(
                .historyMissing, "the database has no table \(table), where \(history.format.displayName) records what it applied",
                hint: "check the URL, or name the table with --history-table (schema.name) if \(history.format.displayName) was configured to use another"
            )
        }
        let columns = Set(try await session.query(
            """
            SELECT attname::text FROM pg_catalog.pg_attribute
            WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped
            """,
            [table]
        ).compactMap { $0[0] })
        let missing = history.columns.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw AdoptError(
                .historyMissing,
                "\(name) has no column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")), so it is not \(history.format.displayName)'s history table",
                hint: "check the format, or name \(history.format.displayName)'s table with --history-table"
            )
        }
        let rows = try await session.query(history.selectStatement(table: name)).map(\.values)
        return Result(table: name, rows: rows)
    }
}
