import Foundation
import StrataPostgres
import StrataSchema

/// What Strata records beside an archive (`FILE.json` for `FILE`): the archive's SHA-256
/// and size, where and when it was taken, and the schema and the exact row count of every
/// table read in the very snapshot `pg_dump` dumped, so that a later
/// `strata restore --verify` can check a restored copy against the source as it was.
///
/// Never holds a password: the source is recorded as a redacted URL.
public struct BackupManifest: Sendable, Hashable, Codable {
    /// The manifest format this Strata writes and reads.
    public static let currentFormat = 1

    /// Where the backup came from.
    public struct Source: Sendable, Hashable, Codable {
        /// The environment's name, when the backup was taken through one.
        public var environment: String?
        /// The database URL with the password shown as `***`.
        public var url: String
        /// The database's name.
        public var database: String

        public init(environment: String?, url: String, database: String) {
            self.environment = environment
            self.url = url
            self.database = database
        }
    }

    /// The manifest format (``currentFormat``).
    public var format: Int
    /// The archive's file name (the manifest lies beside it).
    public var archive: String
    /// The archive's lowercase hex SHA-256.
    public var sha256: String
    /// The archive's size in bytes.
    public var size: Int64
    /// When the snapshot was taken, ISO 8601 UTC (`2025-01-31T12:00:00Z`).
    public var takenAt: String
    /// Definitions only, no rows (`--schema-only`).
    public var schemaOnly: Bool
    public var source: Source
    /// The version of the server that was backed up.
    public var serverVersion: PostgresVersion
    /// The version of the `pg_dump` that wrote the archive.
    public var pgDumpVersion: PostgresVersion
    /// The snapshot `pg_export_snapshot()` gave and `pg_dump --snapshot` used.
    public var snapshot: String
    /// What ``schema`` holds besides the objects: privileges and owners as configured
    /// (`compare:`) when the backup was taken; a verification reads the copy the same way.
    public var comparison: ComparisonScope
    /// Every table's exact row count in the snapshot (``RowCounter``); `rows` is nil in a
    /// schema-only backup.
    public var tables: [TableRowCount]
    /// The source's schema in the snapshot, read by Strata's introspection (history table
    /// included: the archive holds it too).
    public var schema: Schema

    public init(
        archive: String, digest: ArchiveDigest, takenAt: String, schemaOnly: Bool, source: Source,
        serverVersion: PostgresVersion, pgDumpVersion: PostgresVersion, snapshot: String, comparison: ComparisonScope,
        tables: [TableRowCount], schema: Schema
    ) {
        self.format = Self.currentFormat
        self.archive = archive
        self.sha256 = digest.sha256
        self.size = digest.size
        self.takenAt = takenAt
        self.schemaOnly = schemaOnly
        self.source = source
        self.serverVersion = serverVersion
        self.pgDumpVersion = pgDumpVersion
        self.snapshot = snapshot
        self.comparison = comparison
        self.tables = tables
        self.schema = schema
    }

    enum CodingKeys: String, CodingKey {
        case format = "strata_backup", archive, sha256, size, takenAt = "taken_at", schemaOnly = "schema_only", source
        case serverVersion = "server_version", pgDumpVersion = "pg_dump_version", snapshot, comparison, tables, schema
    }

    /// The recorded digest.
    public var digest: ArchiveDigest { ArchiveDigest(sha256: sha256, size: size) }

    /// The roles the schema names (grantees, default-privilege and policy roles, owners
    /// when recorded), sorted: what a server must have for the archive to restore there.
    public var roles: [String] {
        var names = Set<String>()
        func add(_ grants: [PrivilegeGrant]) {
            for grant in grants { if case .role(let name) = grant.grantee { names.insert(name) } }
        }
        for entry in schema.privileges { add(entry.grants) }
        for entry in schema.defaultPrivileges {
            add(entry.grants)
            if let role = entry.role { names.insert(role) }
        }
        for owner in schema.owners { names.insert(owner.role) }
        for table in schema.tables {
            for policy in table.policies { names.formUnion(policy.roles.filter { $0 != "public" }) }
        }
        return names.sorted()
    }

    // MARK: - Files

    /// The manifest's path for an archive: the archive's path with `.json` appended.
    public static func path(forArchive archive: String) -> String {
        archive + ".json"
    }

    /// The manifest as written: pretty JSON with sorted keys, ending in a newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Writes the manifest beside `archive` (atomically: a reader sees the old file or the new).
    ///
    /// - Throws: ``BackupError`` `fileAccess`.
    public func write(besideArchive archive: String, displayName: String) throws {
        let path = Self.path(forArchive: archive)
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BackupError(
                .fileAccess, "cannot write the manifest \(Self.path(forArchive: displayName)): \(error.localizedDescription)",
                hint: "check the folder and its permissions", file: Self.path(forArchive: displayName)
            )
        }
    }

    /// Reads the manifest beside `archive`; nil when there is none.
    ///
    /// - Throws: ``BackupError`` `manifest` when the file exists but is not a manifest
    ///   this Strata reads.
    public static func read(besideArchive archive: String, displayName: String) throws -> BackupManifest? {
        let path = Self.path(forArchive: archive)
        let shown = Self.path(forArchive: displayName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BackupError(.manifest, "cannot read the manifest \(shown)", hint: "check its permissions", file: shown)
        }
        struct Header: Decodable {
            var format: Int?
            enum CodingKeys: String, CodingKey { case format = "strata_backup" }
        }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard let format = header?.format else {
            throw BackupError(
                .manifest, "\(shown) is not a Strata backup manifest (no \"strata_backup\" format number)",
                hint: "move the file away to restore \(displayName) without checks against its source", file: shown
            )
        }
        guard format <= currentFormat else {
            throw BackupError(
                .manifest, "\(shown) is a manifest of format \(format); this Strata reads format \(currentFormat) and older",
                hint: "use a newer Strata", file: shown
            )
        }
        do {
            return try JSONDecoder().decode(BackupManifest.self, from: data)
        } catch {
            throw BackupError(
                .manifest, "the manifest \(shown) is damaged: \(Self.describe(error))",
                hint: "move the file away to restore \(displayName) without checks against its source", file: shown
            )
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the key \"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        default: return "\(error)"
        }
    }
}
