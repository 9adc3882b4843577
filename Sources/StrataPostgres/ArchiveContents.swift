import Foundation

/// What `pg_restore --list` says a custom-format archive holds: its header and its
/// table of contents.
///
/// Parsing is pure (``init(listing:)``); ``PgRestore/list(_:displayName:)`` runs the program.
public struct ArchiveContents: Sendable, Hashable, Codable {
    /// `Format:` in the header, e.g. `CUSTOM`.
    public var format: String?
    /// `dbname:` in the header: the database that was dumped.
    public var databaseName: String?
    /// `Dumped from database version:`, e.g. `15.18 (Debian 15.18-0+deb12u1)`.
    public var serverVersion: String?
    /// `Dumped by pg_dump version:`.
    public var dumpVersion: String?
    /// How many entries the table of contents lists.
    public var entryCount: Int
    /// How many of them carry a table's rows (`TABLE DATA`).
    public var tableDataCount: Int

    public init(format: String?, databaseName: String?, serverVersion: String?, dumpVersion: String?, entryCount: Int, tableDataCount: Int) {
        self.format = format
        self.databaseName = databaseName
        self.serverVersion = serverVersion
        self.dumpVersion = dumpVersion
        self.entryCount = entryCount
        self.tableDataCount = tableDataCount
    }

    /// Reads `pg_restore --list` output: `;`-comment header lines (`;     Format: CUSTOM`)
    /// and one line per entry (`215; 1259 16385 TABLE public users postgres`).
    public init(listing: String) {
        var format: String?, databaseName: String?, serverVersion: String?, dumpVersion: String?
        var entries = 0, tableData = 0
        for rawLine in listing.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(";") {
                let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
                func value(_ key: String) -> String? {
                    body.hasPrefix(key) ? body.dropFirst(key.count).trimmingCharacters(in: .whitespaces) : nil
                }
                format = format ?? value("Format:")
                databaseName = databaseName ?? value("dbname:")
                serverVersion = serverVersion ?? value("Dumped from database version:")
                dumpVersion = dumpVersion ?? value("Dumped by pg_dump version:")
                continue
            }
            // `<dump id>; <catalog oid> <oid> <description…>`
            guard let separator = line.firstIndex(of: ";"), Int(line[..<separator]) != nil else { continue }
            entries += 1
            let fields = line[line.index(after: separator)...].split(separator: " ", maxSplits: 2)
            if fields.count == 3, fields[2].hasPrefix("TABLE DATA ") { tableData += 1 }
        }
        self.init(
            format: format, databaseName: databaseName, serverVersion: serverVersion, dumpVersion: dumpVersion,
            entryCount: entries, tableDataCount: tableData
        )
    }

    enum CodingKeys: String, CodingKey {
        case format, databaseName = "database_name", serverVersion = "server_version", dumpVersion = "pg_dump_version"
        case entryCount = "entries", tableDataCount = "table_data_entries"
    }
}
