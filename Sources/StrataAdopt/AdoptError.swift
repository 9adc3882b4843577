/// An error of adoption that stops it as a whole: the source tool's history table is
/// missing, unreadable, or records a failed (dirty) migration.
public struct AdoptError: Error, Sendable, CustomStringConvertible {
    /// Stable codes (used in JSON output).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String { case historyMissing = "history-missing", historyUnreadable = "history-unreadable", dirtyHistory = "dirty-history" }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        public var description: String { kind.rawValue }

        /// The history table is not there, or lacks columns the tool writes.
        public static let historyMissing = Code(.historyMissing)
        /// A row that the tool would not have written.
        public static let historyUnreadable = Code(.historyUnreadable)
        /// The tool recorded a migration as failed or dirty.
        public static let dirtyHistory = Code(.dirtyHistory)
    }

    public var code: Code
    /// What happened.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
