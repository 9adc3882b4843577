import Foundation
import StrataPostgres

/// The folder where Strata keeps the archives it names itself (`backup.dir`): picks the
/// next archive's name and prunes each environment's and database's archives to the
/// newest `keep`.
///
/// Only archives whose names Strata writes (``BackupFileName``) for that environment and
/// database are ever pruned, each with its manifest; nothing else in the folder is touched.
public struct BackupFolder: Sendable {
    /// The folder's absolute path.
    public var path: String
    /// The folder as messages show it.
    public var displayPath: String

    public init(path: String, displayPath: String) {
        self.path = path
        self.displayPath = displayPath
    }

    /// Creates the folder (and its parents) if need be.
    ///
    /// - Throws: ``BackupError`` `fileAccess`.
    public func create() throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BackupError(
                .fileAccess, "cannot create the backup folder \(displayPath): \(error.localizedDescription)",
                hint: "check backup.dir in strata.yaml and the folder's permissions", file: displayPath
            )
        }
    }

    /// The name for an archive taken at `date`: the first of that second not yet used.
    public func nextName(environment: String, database: String, takenAt date: Date) -> BackupFileName {
        var name = BackupFileName(environment: environment, database: database, takenAt: date)
        let manager = FileManager.default
        while manager.fileExists(atPath: file(name.text)) || manager.fileExists(atPath: file(name.text + ".partial")) {
            name.sequence += 1
        }
        return name
    }

    /// The full path of a file in the folder.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Deletes the archives of `environment` and `database` beyond the newest `keep`, and
    /// their manifests; `keep` 0 keeps every one. Returns the archive names deleted, oldest first.
    ///
    /// - Throws: ``BackupError`` `fileAccess` when one cannot be deleted.
    @discardableResult
    public func prune(environment: String, database: String, keep: Int) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let expired = Self.expired(names: names, prefix: BackupFileName.prefix(environment: environment, database: database), keep: keep)
        for name in expired {
            for doomed in [name, BackupManifest.path(forArchive: name)] where FileManager.default.fileExists(atPath: file(doomed)) {
                do {
                    try FileManager.default.removeItem(atPath: file(doomed))
                } catch {
                    throw BackupError(
                        .fileAccess, "cannot delete the old backup \((displayPath as NSString).appendingPathComponent(doomed)): \(error.localizedDescription)",
                        hint: "check the folder's permissions, or raise backup.keep in strata.yaml",
                        file: (displayPath as NSString).appendingPathComponent(doomed)
                    )
                }
            }
        }
        return expired
    }

    /// Which of `names` to delete to keep the newest `keep` archives with `prefix` (pure):
    /// oldest first; none when `keep` is 0 or not exceeded.
    public static func expired(names: [String], prefix: String, keep: Int) -> [String] {
        guard keep > 0 else { return [] }
        let archives = names.compactMap { BackupFileName(parsing: $0, prefix: prefix) }.sorted()
        guard archives.count > keep else { return [] }
        return archives.prefix(archives.count - keep).map(\.text)
    }
}
