import Foundation

/// The scripts around the versioned migrations (DESIGN §10): `pre` files run at the start
/// of every `up`, repeatable files after the pending migrations whenever they are new or
/// changed, and `post` files at the end; all of them inside the run's transaction in batch
/// mode, and around every scratch replay, since a replay is an `up`.
///
/// Pre and post scripts run every time and are not recorded, so they are written to be
/// re-runnable (`CREATE EXTENSION IF NOT EXISTS`, `CREATE OR REPLACE FUNCTION`,
/// `DROP POLICY IF EXISTS` before `CREATE POLICY`). A repeatable script is recorded in the
/// history table with its checksum (``HistoryTable/repeatableKey(_:)``).
public struct MigrationScripts: Sendable {
    /// `pre:` files, in the configured order.
    public var pre: [Migration]
    /// Every `.sql` file under the repeatable folder, in path order (byte order of the
    /// path inside the folder, so `functions/…` before `views/…`).
    public var repeatables: [Migration]
    /// `post:` files, in the configured order.
    public var post: [Migration]
    /// Files that cannot be scripts (unreadable, not UTF-8, stray files in the repeatable
    /// folder). Like the migrations' problems, they stop `up`.
    public var problems: [MigrationProblem]

    public init(pre: [Migration] = [], repeatables: [Migration] = [], post: [Migration] = [], problems: [MigrationProblem] = []) {
        self.pre = pre
        self.repeatables = repeatables
        self.post = post
        self.problems = problems
    }

    /// No scripts.
    public static let none = MigrationScripts()

    public var isEmpty: Bool { pre.isEmpty && repeatables.isEmpty && post.isEmpty && problems.isEmpty }

    /// A file as configured: where it is and how messages name it.
    public struct Location: Sendable, Hashable {
        public var path: String
        public var displayPath: String

        public init(path: String, displayPath: String) {
            self.path = path
            self.displayPath = displayPath
        }
    }

    /// Reads the configured scripts.
    ///
    /// - Throws: ``MigrationError`` (`configuration`) when a pre or post file or the
    ///   repeatable folder does not exist: a missing script would change what every run does.
    public static func load(pre: [Location], post: [Location], repeatableFolder: Location?) throws -> MigrationScripts {
        var scripts = MigrationScripts()
        for (role, locations, key) in [(Migration.Role.pre, pre, "pre"), (.post, post, "post")] {
            for location in locations {
                guard FileManager.default.fileExists(atPath: location.path) else {
                    throw MigrationError(
                        .configuration, "the \(key) script \(location.displayPath) does not exist",
                        hint: "create it, or remove it from `\(key):` in strata.yaml"
                    )
                }
                switch read(location.path, shownPath: location.displayPath, name: location.displayPath, role: role) {
                case .success(let script): role == .pre ? scripts.pre.append(script) : scripts.post.append(script)
                case .failure(let problem): scripts.problems.append(problem)
                }
            }
        }
        if let folder = repeatableFolder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw MigrationError(
                    .configuration, "the repeatable folder \(folder.displayPath) does not exist",
                    hint: "create it, or remove `repeatable:` from strata.yaml"
                )
            }
            scripts.readRepeatables(in: folder)
        }
        return scripts
    }

    /// Every `.sql` file under `folder` and its sub-folders; other files are problems.
    private mutating func readRepeatables(in folder: Location) {
        var found: [(relative: String, isFile: Bool)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            let entries: [FolderListing.Entry]
            do {
                entries = try FolderListing.entries(of: path)
            } catch {
                problems.append(MigrationProblem(
                    code: .unreadable, message: "cannot list \(Self.join(folder.displayPath, relative)): \(error)",
                    file: Self.join(folder.displayPath, relative)
                ))
                continue
            }
            for entry in entries where !MigrationDirectory.isHidden(entry.name) {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.isDirectory { pending.append(child) } else { found.append((child, true)) }
            }
        }
        found.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
        for (relative, _) in found {
            let shownPath = Self.join(folder.displayPath, relative)
            guard relative.hasSuffix(".sql") else {
                let isSQL = relative.lowercased().hasSuffix(".sql")
                problems.append(MigrationProblem(
                    code: isSQL ? .malformedName : .strayFile,
                    message: isSQL
                        ? "\(shownPath) ends in \(relative.suffix(4)), not .sql; Strata reads only files that end in lower-case .sql, so it would never run"
                        : "\(shownPath) is not a repeatable script: the repeatable folder holds only .sql files",
                    hint: isSQL ? "rename it to end in .sql" : "move it out of the repeatable folder (notes belong elsewhere)",
                    file: shownPath
                ))
                continue
            }
            switch Self.read(folder.path + "/" + relative, shownPath: shownPath, name: relative, role: .repeatable) {
            case .success(let script): repeatables.append(script)
            case .failure(let problem): problems.append(problem)
            }
        }
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        relative.isEmpty ? folder : (folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// A script read, or the problem that keeps it out.
    private enum Read {
        case success(Migration)
        case failure(MigrationProblem)
    }

    private static func read(_ path: String, shownPath: String, name: String, role: Migration.Role) -> Read {
        guard let bytes = MigrationDirectory.readFile(descriptor: open(path, O_RDONLY | O_CLOEXEC)) else {
            return .failure(MigrationProblem(code: .unreadable, message: "\(shownPath) cannot be read", file: shownPath))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(MigrationProblem(
                code: .unreadable, message: "\(shownPath) is not valid UTF-8", hint: "save the file as UTF-8", file: shownPath
            ))
        }
        return .success(Migration(script: role, name: name, path: shownPath, text: text, checksum: Checksum.of(bytes)))
    }
}
