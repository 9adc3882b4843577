import Foundation
import StrataPostgres

/// An archive checked before anything is restored from it: its manifest read (when one
/// lies beside it), its size and SHA-256 compared with the manifest's, and its table of
/// contents read by `pg_restore --list`.
public struct CheckedArchive: Sendable {
    /// The archive's absolute path.
    public var path: String
    /// The archive as messages name it.
    public var displayName: String
    /// The manifest beside it; nil for an archive without one (taken by `pg_dump` itself).
    public var manifest: BackupManifest?
    /// The size and SHA-256 read now.
    public var digest: ArchiveDigest
    /// What `pg_restore --list` read.
    public var contents: ArchiveContents
    /// The `pg_restore` that read it (and will restore it).
    public var tools: PostgresClientTools

    /// Checks the archive at `path`.
    ///
    /// - Parameter environment: the variables child programs start from, and where
    ///   `pg_restore` is looked for.
    /// - Throws: ``BackupError``: `fileAccess` when there is no such file; `manifest` when
    ///   the manifest beside it cannot be read; `corruptArchive` when the size or SHA-256
    ///   differ from the manifest's or `pg_restore` cannot read the archive — each naming
    ///   the file; `toolNotFound` when there is no `pg_restore`.
    public static func check(_ path: String, displayName: String, environment: [String: String]) async throws -> CheckedArchive {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw BackupError(.fileAccess, "no such archive: \(displayName)", hint: "give the path of a file `strata backup` wrote", file: displayName)
        }
        let manifest = try BackupManifest.read(besideArchive: path, displayName: displayName)
        let tools = try PostgresClientTools.locate(environment: environment, minimum: nil)
        let digest = try await ArchiveDigest.compute(path, displayName: displayName)
        if let manifest {
            try compare(digest, with: manifest, displayName: displayName)
        }
        let contents = try await PgRestore(tools: tools, environment: environment).list(path, displayName: displayName)
        return CheckedArchive(path: path, displayName: displayName, manifest: manifest, digest: digest, contents: contents, tools: tools)
    }

    /// Compares what was read with what the manifest recorded (pure).
    ///
    /// - Throws: ``BackupError`` `corruptArchive` naming the file and both values.
    public static func compare(_ digest: ArchiveDigest, with manifest: BackupManifest, displayName: String) throws {
        let manifestFile = BackupManifest.path(forArchive: displayName)
        if digest.size != manifest.size {
            throw BackupError(
                .corruptArchive,
                "\(displayName) is \(digest.size) bytes, but its manifest \(manifestFile) records \(manifest.size): "
                    + (digest.size < manifest.size ? "the archive is truncated" : "the archive was changed after the backup"),
                hint: "restore another backup, or take a new one; a copy that was cut short can be copied again",
                file: displayName
            )
        }
        if digest.sha256 != manifest.sha256 {
            throw BackupError(
                .corruptArchive,
                "\(displayName) is corrupt: its SHA-256 is \(digest.sha256), but its manifest \(manifestFile) records \(manifest.sha256)",
                hint: "the file was damaged or changed after the backup; restore another backup, or take a new one",
                file: displayName
            )
        }
    }
}
