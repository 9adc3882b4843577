import Foundation
import StrataGenerate
import StrataPostgres
import StrataSchema

/// Takes a backup: a custom-format `pg_dump` archive, checked with `pg_restore --list`,
/// and its manifest (``BackupManifest``) with the schema and every table's exact row
/// count read in the same snapshot as the archive.
///
/// One session opens a `REPEATABLE READ` transaction and exports its snapshot
/// (`pg_export_snapshot()`); `pg_dump --snapshot` dumps exactly that snapshot while the
/// session reads the schema and counts the rows in it, side by side. The archive is
/// written under a `.partial` name and renamed only once it is complete and readable, and
/// the manifest is written last: an archive with a manifest is a finished one.
public struct BackupTaker: Sendable {
    /// What to back up, and where.
    public struct Request: Sendable {
        /// The database to back up (password included: it goes to `pg_dump` through its
        /// environment only).
        public var settings: ConnectionSettings
        /// The environment the database was reached through, for the manifest.
        public var environmentName: String?
        /// The archive's absolute path; its folder must exist.
        public var archive: String
        /// The archive as messages name it.
        public var displayName: String
        /// Definitions only, no rows.
        public var schemaOnly: Bool
        /// The moment recorded as `taken_at` (the caller's clock).
        public var takenAt: Date

        public init(
            settings: ConnectionSettings, environmentName: String?, archive: String, displayName: String,
            schemaOnly: Bool = false, takenAt: Date
        ) {
            self.settings = settings
            self.environmentName = environmentName
            self.archive = archive
            self.displayName = displayName
            self.schemaOnly = schemaOnly
            self.takenAt = takenAt
        }
    }

    /// The variables child programs start from, and where `pg_dump` is looked for
    /// (`STRATA_PG_BINDIR`, `PATH`).
    public var environment: [String: String]
    /// What the manifest's schema holds besides the objects (`compare:`).
    public var comparison: ComparisonScope

    public init(environment: [String: String], comparison: ComparisonScope = .default) {
        self.environment = environment
        self.comparison = comparison
    }

    /// Takes the backup.
    ///
    /// - Throws: ``DatabaseError`` when the database cannot be reached or read;
    ///   ``BackupError`` when `pg_dump` is missing, older than the server or fails, when
    ///   the archive it wrote does not read back, or when a file cannot be written. Nothing
    ///   is left at the archive's path on failure.
    public func take(_ request: Request) async throws -> BackupResult {
        var watch = Stopwatch()
        let partial = request.archive + ".partial"
        let session = try await PostgresSession.connect(request.settings)
        let read: Snapshot
        do {
            read = try await dump(request, into: partial, on: session)
            await session.close()
        } catch {
            _ = try? await session.execute("ROLLBACK")
            await session.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        let dumpMs = watch.lap()
        let digest: ArchiveDigest
        let contents: ArchiveContents
        do {
            digest = try await ArchiveDigest.compute(partial, displayName: request.displayName)
            contents = try await PgRestore(tools: read.tools, environment: environment).list(partial, displayName: request.displayName)
            // An older manifest at this path describes another archive: gone before the new
            // archive takes its place (atomically), and written anew after.
            try? FileManager.default.removeItem(atPath: BackupManifest.path(forArchive: request.archive))
            guard rename(partial, request.archive) == 0 else {
                throw BackupError(
                    .fileAccess, "cannot move the finished archive to \(request.displayName): \(String(cString: strerror(errno)))",
                    hint: "check the folder and its permissions", file: request.displayName
                )
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        let manifest = BackupManifest(
            archive: (request.archive as NSString).lastPathComponent, digest: digest,
            takenAt: Self.iso8601(request.takenAt), schemaOnly: request.schemaOnly,
            source: BackupManifest.Source(
                environment: request.environmentName, url: request.settings.redactedURL, database: request.settings.database
            ),
            serverVersion: read.server, pgDumpVersion: read.tools.version, snapshot: read.snapshot, comparison: comparison,
            tables: read.inventory.tables, schema: read.inventory.schema
        )
        try manifest.write(besideArchive: request.archive, displayName: request.displayName)
        return BackupResult(
            archive: request.displayName, manifestFile: BackupManifest.path(forArchive: request.displayName),
            manifest: manifest, contents: contents, pgDump: read.tools.pgDump, dumpMs: dumpMs, checkMs: watch.lap()
        )
    }

    /// Exports a snapshot, runs `pg_dump` on it, and reads the schema and row counts in
    /// it meanwhile; commits once `pg_dump` is done.
    private func dump(
        _ request: Request, into partial: String, on session: PostgresSession
    ) async throws -> Snapshot {
        let versionRow = try await session.query("SELECT current_setting('server_version_num'), current_setting('server_version')").first
        let server = PostgresVersion(
            serverVersionNumber: versionRow?[0].flatMap { Int($0) } ?? 0, serverVersion: versionRow?[1]
        )
        // A pg_dump of at least the server's major version, or an error naming both.
        let tools = try PostgresClientTools.locate(environment: environment, minimum: server)
        try? FileManager.default.removeItem(atPath: partial)

        try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        guard let snapshot = try await session.scalar("SELECT pg_catalog.pg_export_snapshot()") else {
            throw DatabaseError(.unexpectedResult, "pg_export_snapshot() returned nothing")
        }
        let dumper = PgDump(tools: tools, environment: environment)
        let options = PgDump.Options(schemaOnly: request.schemaOnly, snapshot: snapshot)
        async let dumped: Void = dumper.run(request.settings, archive: partial, displayName: request.displayName, options: options)
        let inventory: DatabaseInventory
        do {
            inventory = try await DatabaseInventory.read(
                inTransactionOf: session, comparison: comparison, countingRows: !request.schemaOnly
            )
        } catch {
            // pg_dump holds the snapshot open; let it finish (its own error, if any, is
            // secondary) before the transaction ends.
            _ = try? await dumped
            throw error
        }
        try await dumped
        try await session.execute("COMMIT")
        return Snapshot(server: server, tools: tools, snapshot: snapshot, inventory: inventory)
    }

    /// What the snapshot's session read while `pg_dump` dumped it.
    private struct Snapshot {
        var server: PostgresVersion
        var tools: PostgresClientTools
        var snapshot: String
        var inventory: DatabaseInventory
    }

    /// `2025-01-31T12:00:00Z`.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
