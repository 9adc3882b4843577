import Foundation

/// A folder of migration files named `<version>_<name>.sql` (DESIGN §3).
public struct MigrationDirectory: Sendable {
    /// The folder on disk.
    public var path: String
    /// How messages name the folder, e.g. `migrations` (relative to the project).
    public var displayPath: String

    public init(path: String, displayPath: String? = nil) {
        self.path = path
        self.displayPath = displayPath ?? path
    }

    /// What a folder holds: the well-formed migrations, sorted by version, and the
    /// problems found while reading it (malformed names, duplicate versions, unreadable
    /// files, files and folders that are not migrations).
    ///
    /// Every entry of the folder is a migration or a problem, except hidden entries (names
    /// starting with `.`, such as `.gitkeep`, `.DS_Store` or an editor's swap file), which
    /// belong to tools rather than to the project's history and are skipped.
    public struct Contents: Sendable {
        public var migrations: [Migration]
        public var problems: [MigrationProblem]
    }

    /// Reads every migration file and its checksum. Parsing happens later, only for the
    /// migrations a command runs.
    ///
    /// - Throws: ``MigrationError`` with code `configuration` when the folder is missing.
    public func load() throws -> Contents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationError(
                .configuration, "the migrations folder \(displayPath) does not exist",
                hint: "run `strata init` to create it, or set `migrations:` in strata.yaml"
            )
        }
        let entries: [FolderListing.Entry]
        do {
            entries = try FolderListing.entries(of: path)
        } catch {
            throw MigrationError(.configuration, "cannot list the migrations folder \(displayPath)", cause: "\(error)")
        }
        // Files are opened relative to the folder: no path walk per file.
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        var migrations: [Migration] = []
        var problems: [MigrationProblem] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) where !Self.isHidden(entry.name) {
            switch loadEntry(entry, folder: folder) {
            case .migration(let migration): migrations.append(migration)
            case .problem(let problem): problems.append(problem)
            }
        }
        migrations = migrations.sortedByVersion(\.version)
        problems += Self.duplicateProblems(migrations)
        return Contents(migrations: migrations, problems: problems)
    }

    /// Whether a folder entry is hidden (`.gitkeep`, `.DS_Store`, `.001_x.sql.swp`): skipped.
    public static func isHidden(_ entry: String) -> Bool {
        entry.hasPrefix(".")
    }

    /// One entry read, hashed and checked: a migration or the problem that keeps it out.
    private func loadEntry(_ entry: FolderListing.Entry, folder: Int32) -> Loaded {
        let fileName = entry.name
        let shownPath = displayPath.isEmpty ? fileName : displayPath + "/" + fileName
        if entry.isDirectory {
            return .problem(MigrationProblem(
                code: .strayFolder,
                message: "\(shownPath) is a folder; Strata reads migrations only from \(displayPath.isEmpty ? "the migrations folder" : displayPath) itself, not from sub-folders",
                hint: "move the migrations in it up into \(displayPath.isEmpty ? "the migrations folder" : displayPath), and anything else out of it",
                file: shownPath
            ))
        }
        if !fileName.hasSuffix(".sql") {
            return .problem(Self.strayFileProblem(fileName, shownPath: shownPath))
        }
        return loadFile(fileName, shownPath: shownPath, folder: folder)
    }

    /// The problem for a file that does not end in `.sql`.
    private static func strayFileProblem(_ fileName: String, shownPath: String) -> MigrationProblem {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".sql") {
            let stem = String(fileName.dropLast(4))
            let target = parseFileName(stem + ".sql") != nil ? stem + ".sql" : suggestedName(for: stem + ".sql")
            return MigrationProblem(
                code: .malformedName,
                message: "\(shownPath) ends in \(fileName.suffix(4)), not .sql; Strata reads only files that end in lower-case .sql, so it would never run",
                hint: "rename it to \(target ?? "<digits>_<name>.sql, e.g. 20240101120000_create_users.sql") (extensions are case-sensitive on most systems)",
                file: shownPath, line: 1, column: 1
            )
        }
        let isLeftover = lowered.hasSuffix("~") || lowered.hasSuffix(".bak") || lowered.hasSuffix(".orig") || lowered.hasSuffix(".swp")
            || lowered.hasSuffix(".tmp") || (lowered.hasPrefix("#") && lowered.hasSuffix("#"))
        return MigrationProblem(
            code: .strayFile,
            message: "\(shownPath) is not a migration: the migrations folder holds only <digits>_<name>.sql files",
            hint: isLeftover
                ? "it looks like an editor's or tool's leftover copy; delete it, or move it out of the migrations folder"
                : "move it out of the migrations folder (notes and scripts belong elsewhere), or, if it is a migration, rename it like 20240101120000_create_users.sql",
            file: shownPath
        )
    }

    /// One `.sql` file read, hashed and checked.
    private func loadFile(_ fileName: String, shownPath: String, folder: Int32) -> Loaded {
        guard let (version, name) = Self.parseFileName(fileName) else {
            return .problem(MigrationProblem(
                code: .malformedName,
                message: "the file name is not <digits>_<name>.sql with a name of lower-case letters, digits and _",
                hint: Self.suggestedName(for: fileName).map { "rename it, e.g. to \($0)" }
                    ?? "rename it like 20240101120000_create_users.sql",
                file: shownPath, line: 1, column: 1
            ))
        }
        let descriptor = folder >= 0 ? openat(folder, fileName, O_RDONLY | O_CLOEXEC) : open(path + "/" + fileName, O_RDONLY | O_CLOEXEC)
        guard let bytes = Self.readFile(descriptor: descriptor) else {
            return .problem(MigrationProblem(code: .unreadable, message: "\(shownPath) cannot be read", file: shownPath, version: version))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(bytes)
            return .problem(MigrationProblem(
                code: .unreadable, message: "\(shownPath) is not valid UTF-8 (first bad byte at offset \(offset))",
                hint: "save the file as UTF-8", file: shownPath, version: version
            ))
        }
        return .migration(Migration(version: version, name: name, path: shownPath, text: text, checksum: Checksum.of(bytes)))
    }

    /// What reading one file gave.
    private enum Loaded {
        case migration(Migration)
        case problem(MigrationProblem)
    }

    /// Splits `<digits>_<name>.sql`; nil when the name is malformed.
    public static func parseFileName(_ fileName: String) -> (MigrationVersion, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard let version = MigrationVersion(String(digits)), !name.isEmpty,
              name.utf8.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") })
        else { return nil }
        return (version, String(name))
    }

    /// Whether `name` may follow the version in a file name.
    public static func isValidName(_ name: String) -> Bool {
        parseFileName("1_\(name).sql") != nil
    }

    /// `name` lower-cased with every other character turned into `_`.
    public static func normalizedName(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("_") {
                out += "_"
            }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }

    private static func suggestedName(for fileName: String) -> String? {
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return nil }
        let name = normalizedName(String(stem.dropFirst(digits.count)).replacingOccurrences(of: ".up", with: ""))
        return name.isEmpty ? nil : "\(digits)_\(name).sql"
    }

    private static func duplicateProblems(_ migrations: [Migration]) -> [MigrationProblem] {
        var problems: [MigrationProblem] = []
        var index = 0
        while index < migrations.count {
            var end = index + 1
            while end < migrations.count && migrations[end].version == migrations[index].version { end += 1 }
            if end - index > 1 {
                let group = migrations[index..<end]
                let files = group.map(\.displayName).joined(separator: ", ")
                for migration in group {
                    problems.append(MigrationProblem(
                        code: .duplicateVersion,
                        message: "version \(migration.version) is used by more than one file: \(files)",
                        hint: "give each migration its own version; `strata new` picks the next free one",
                        file: migration.path, line: 1, column: 1, version: migration.version
                    ))
                }
            }
            index = end
        }
        return problems
    }

    /// The whole file open at `descriptor`, which is closed; nil when it cannot be read.
    static func readFile(descriptor: Int32) -> [UInt8]? {
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) : -1
        var bytes: [UInt8] = []
        // The first read asks for one byte more than the file's size: getting exactly the
        // size back means the whole file was read, with no second read to see its end. A
        // file that grows meanwhile is read on in chunks. No buffer is zero-filled.
        var room = max(size, 0) + 1
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                let read = read(descriptor, buffer.baseAddress, room)
                failed = read < 0
                count = max(read, 0)
            }
            if failed { return nil }
            if chunk.isEmpty { return bytes }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count == size && chunk.count < room { return bytes }
            room = 16384
        }
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}
