import StrataPostgres

/// A backup that was taken: where the archive and its manifest are, what they hold, and
/// how long the steps took.
public struct BackupResult: Sendable, Hashable {
    /// The archive as messages name it.
    public var archive: String
    /// The manifest beside it, as messages name it.
    public var manifestFile: String
    /// The manifest as written.
    public var manifest: BackupManifest
    /// What `pg_restore --list` read from the finished archive.
    public var contents: ArchiveContents
    /// The `pg_dump` that wrote it.
    public var pgDump: String
    /// Milliseconds for the dump (with the schema read and rows counted alongside).
    public var dumpMs: Int
    /// Milliseconds for the checks afterwards (SHA-256, `pg_restore --list`, manifest).
    public var checkMs: Int

    public init(
        archive: String, manifestFile: String, manifest: BackupManifest, contents: ArchiveContents, pgDump: String,
        dumpMs: Int, checkMs: Int
    ) {
        self.archive = archive
        self.manifestFile = manifestFile
        self.manifest = manifest
        self.contents = contents
        self.pgDump = pgDump
        self.dumpMs = dumpMs
        self.checkMs = checkMs
    }
}
