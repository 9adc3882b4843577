/// An error from taking, checking or restoring a backup: a PostgreSQL client program
/// that is missing or too old, `pg_dump` or `pg_restore` failing, an archive that is
/// corrupt, a manifest that cannot be read.
///
/// ``file`` names the archive (or manifest) concerned, as the user gave it; ``toolOutput``
/// holds what the program printed. Passwords never appear in any field: the programs
/// get theirs through the environment, and their messages are scrubbed of it.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    /// A stable category. New codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case toolNotFound = "tool-not-found"
            case toolTooOld = "tool-too-old"
            case dumpFailed = "dump-failed"
            case restoreFailed = "restore-failed"
            case corruptArchive = "corrupt-archive"
            case manifest
            case fileAccess = "file-access"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `pg_dump` or `pg_restore` was not found (exit 2).
        public static let toolNotFound = Code(.toolNotFound)
        /// `pg_dump` is of an older major version than the server (exit 2).
        public static let toolTooOld = Code(.toolTooOld)
        /// `pg_dump` failed (exit 1).
        public static let dumpFailed = Code(.dumpFailed)
        /// `pg_restore` failed while restoring (exit 1).
        public static let restoreFailed = Code(.restoreFailed)
        /// The archive is damaged: its SHA-256 or size differs from its manifest, or
        /// `pg_restore` cannot read it (exit 4).
        public static let corruptArchive = Code(.corruptArchive)
        /// The manifest beside an archive cannot be read or is not a Strata manifest (exit 4).
        public static let manifest = Code(.manifest)
        /// A file or folder cannot be read or written (exit 2).
        public static let fileAccess = Code(.fileAccess)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The archive or manifest concerned, as the user gave or Strata wrote it.
    public var file: String?
    /// What the program printed on standard error (trimmed), when one failed.
    public var toolOutput: String?

    public init(_ code: Code, _ message: String, hint: String? = nil, file: String? = nil, toolOutput: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.toolOutput = toolOutput
    }

    public var description: String {
        var text = message
        if let toolOutput, !toolOutput.isEmpty { text += "\n" + toolOutput }
        if let hint { text += "\nhint: " + hint }
        return text
    }
}
