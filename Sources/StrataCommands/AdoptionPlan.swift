import Foundation
import StrataAdopt
import StrataMigrate

/// The I/O edges of `strata adopt`: reading the source folder, and deciding and carrying
/// out what happens to each converted file in the migrations folder.
struct AdoptionPlan: Sendable {
    /// What happens to one converted file.
    enum Action: String, Sendable, Encodable {
        /// A new file.
        case write
        /// The folder holds the same file already.
        case unchanged
        /// The folder holds a different file of that name, replaced with `--force`.
        case overwrite
        /// The folder holds a different file of that name; not replaced without `--force`.
        case conflict
    }

    struct Entry: Sendable {
        var migration: AdoptedMigration
        var action: Action
    }

    var entries: [Entry]
    /// Versions that the folder already uses under another file name.
    var problems: [AdoptionProblem]

    /// Compares the converted files with what `migrationsPath` holds.
    init(adoption: Adoption, migrationsPath: String, displayPath: String, force: Bool) {
        let existingNames = (try? FileManager.default.contentsOfDirectory(atPath: migrationsPath)) ?? []
        var byVersion: [MigrationVersion: String] = [:]
        for name in existingNames {
            if let (version, _) = MigrationDirectory.parseFileName(name) { byVersion[version] = name }
        }
        let existing = Set(existingNames)
        var entries: [Entry] = []
        var problems: [AdoptionProblem] = []
        for migration in adoption.migrations {
            if let other = byVersion[migration.version], other != migration.fileName {
                problems.append(AdoptionProblem(
                    code: .duplicateVersion,
                    message: "\(displayPath)/\(other) already has version \(migration.version), which \(migration.sources.first ?? migration.fileName) would get",
                    hint: "remove or renumber \(other) if it is an earlier conversion of the same migration, then adopt again",
                    file: migration.sources.first, line: 1, column: 1
                ))
                continue
            }
            var action = Action.write
            if existing.contains(migration.fileName) {
                let path = (migrationsPath as NSString).appendingPathComponent(migration.fileName)
                let current = FileManager.default.contents(atPath: path).map { Array($0) }
                if current == Array(migration.text.utf8) {
                    action = .unchanged
                } else {
                    action = force ? .overwrite : .conflict
                }
            }
            entries.append(Entry(migration: migration, action: action))
        }
        self.entries = entries
        self.problems = problems
    }

    var conflicts: [Entry] { entries.filter { $0.action == .conflict } }

    /// Writes the new and overwritten files, creating the folder when needed.
    func write(to migrationsPath: String, displayPath: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: migrationsPath, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError(
                "cannot create the migrations folder \(displayPath): \(error.localizedDescription)", hint: "check the permissions of its parent folder"
            )
        }
        for entry in entries where entry.action == .write || entry.action == .overwrite {
            let path = (migrationsPath as NSString).appendingPathComponent(entry.migration.fileName)
            do {
                try entry.migration.text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ConfigurationError(
                    "cannot write \(displayPath)/\(entry.migration.fileName): \(error.localizedDescription)",
                    hint: "check the folder's permissions and free space; the files written before it stay"
                )
            }
        }
    }

    /// Every regular file under `path`, with paths relative to it. Hidden files are read
    /// too (each is converted or named); symbolic links are followed.
    static func readFolder(_ path: String, shownAs shown: String) throws -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError("\(shown): no such folder", hint: "give the folder that holds the tool's migration files")
        }
        guard let subpaths = try? FileManager.default.subpathsOfDirectory(atPath: path) else {
            throw ConfigurationError("cannot list the folder \(shown)", hint: "check its permissions")
        }
        var files: [SourceFile] = []
        for relative in subpaths.sorted() {
            let full = (path as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: full) else {
                throw ConfigurationError("cannot read \(shown)/\(relative)", hint: "check its permissions")
            }
            files.append(SourceFile(path: relative, bytes: Array(data)))
        }
        return files
    }
}
