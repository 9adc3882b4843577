import StrataSQL

/// Something that keeps migrations from running: a file that cannot be parsed or is
/// not allowed, or a history that does not match the files. Collected, never thrown
/// one by one.
public struct MigrationProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable, documented codes (used in JSON output).
    public struct Code: Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }

        /// A `.sql` file whose name is not `<digits>_<name>.sql` with a name in `[a-z0-9_]`, or a
        /// file whose extension is `.sql` in another case (`.SQL`, `.Sql`).
        public static let malformedName = Code("malformed-name")
        /// A file in the migrations folder that is not a migration: it does not end in `.sql`
        /// (a note, a script, an editor's leftover copy). Hidden files are not read.
        public static let strayFile = Code("stray-file")
        /// A sub-folder of the migrations folder: migrations are read only from the folder itself.
        public static let strayFolder = Code("stray-folder")
        /// Two files with the same version.
        public static let duplicateVersion = Code("duplicate-version")
        /// A file that is not valid UTF-8 or cannot be read.
        public static let unreadable = Code("unreadable")
        /// An applied migration whose file changed since.
        public static let modified = Code("modified")
        /// An applied migration whose file is gone.
        public static let missing = Code("missing")
        /// A pending migration older than the newest applied one.
        public static let outOfOrder = Code("out-of-order")
        /// A no-transaction migration that broke midway and awaits `strata mark`.
        public static let failed = Code("failed")
        /// A migration to roll back that has no down part.
        public static let noDown = Code("no-down")
        /// A pre, post or repeatable script with a `-- strata:down` part: scripts around the
        /// migrations only run forwards.
        public static let scriptDown = Code("script-down")
        // Codes from the SQL lexer and directive parser (StrataSQL) pass through as they are:
        // unterminated-string, meta-command, transaction-control, not-allowed-in-transaction, …
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The file, when the problem belongs to one.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var version: MigrationVersion?

    public init(
        code: Code, message: String, hint: String? = nil, file: String? = nil,
        line: Int? = nil, column: Int? = nil, version: MigrationVersion? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
        self.version = version
    }

    init(diagnostic: SQLDiagnostic, migration: Migration, path: String) {
        self.init(
            code: Code(diagnostic.code.description), message: diagnostic.message, hint: diagnostic.hint,
            file: path, line: diagnostic.position.line, column: diagnostic.position.column,
            version: migration.role == .versioned ? migration.version : nil
        )
    }

    static func noDown(_ migration: Migration) -> MigrationProblem {
        MigrationProblem(
            code: .noDown, message: "\(migration.displayName) has no down part, so it cannot be rolled back",
            hint: migration.path == nil
                ? "give the Swift migration a down closure"
                : "add a `-- strata:down` section with the statements that undo it",
            file: migration.path, line: migration.path == nil ? nil : 1, version: migration.version
        )
    }

    /// `file:line:column: message`, the form editors and terminals link.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            location += ": "
        }
        return location + message
    }
}

/// Several problems, thrown together when any of them stops a command.
public struct MigrationProblems: Error, Sendable, Hashable, Codable {
    public var problems: [MigrationProblem]
    public init(_ problems: [MigrationProblem]) { self.problems = problems }
}
