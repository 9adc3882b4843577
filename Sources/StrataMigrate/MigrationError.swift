import StrataPostgres

/// An error from a migration command, with everything needed to act on it.
///
/// `code` decides the exit status in the CLI; `message` says what happened and
/// `hint` what to do; `problems` lists validation findings; `failure` describes a
/// failed statement and `report` what was done before it.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case configuration, validation, statementFailed = "statement-failed", lockTimeout = "lock-timeout"
            case connection, interrupted, usage, protected
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A setting, folder or flag is wrong (exit 2).
        public static let configuration = Code(.configuration)
        /// The command was used wrongly, e.g. a version that does not exist (exit 2).
        public static let usage = Code(.usage)
        /// Files or history have problems; nothing ran (exit 4).
        public static let validation = Code(.validation)
        /// A migration statement failed (exit 1).
        public static let statementFailed = Code(.statementFailed)
        /// Waiting for the migration lock took longer than allowed (exit 5).
        public static let lockTimeout = Code(.lockTimeout)
        /// The database could not be reached, or the connection was lost (exit 3).
        public static let connection = Code(.connection)
        /// The run was interrupted (SIGINT, SIGTERM, cancellation) and rolled back (exit 1).
        public static let interrupted = Code(.interrupted)
        /// The target is protected and the command needs `--force` (exit 2).
        public static let protected = Code(.protected)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var hint: String?
    public var problems: [MigrationProblem]
    public var failure: MigrationFailure?
    /// What the run did before it stopped (for `up`, `down` and friends).
    public var report: MigrationRunReport?
    public var cause: String?
    /// The database error behind this one, if any.
    public var databaseError: DatabaseError?

    public init(
        _ code: Code, _ message: String, hint: String? = nil, problems: [MigrationProblem] = [],
        failure: MigrationFailure? = nil, report: MigrationRunReport? = nil, cause: String? = nil,
        databaseError: DatabaseError? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.problems = problems
        self.failure = failure
        self.report = report
        self.cause = cause
        self.databaseError = databaseError
    }

    public var description: String {
        var lines = [message]
        lines += problems.map { "  " + $0.description }
        if let hint { lines.append("hint: " + hint) }
        return lines.joined(separator: "\n")
    }
}

/// Where and why a migration statement failed, and what state the database is in.
public struct MigrationFailure: Sendable, Hashable, Codable {
    /// The migration's version; nil when a pre, repeatable or post script failed.
    public var version: MigrationVersion?
    /// The migration's name, or the script's.
    public var name: String
    /// A versioned migration, or a pre, repeatable or post script.
    public var kind: Migration.Role = .versioned
    /// The migration file, or nil for a Swift migration.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var direction: MigrationDirection
    /// The failing statement's text (for long statements, its first lines).
    public var statement: String?
    /// The whole source line at `line`, to show under the message with a caret.
    public var sourceLine: String?
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var context: String?
    /// What the failure left behind, in words: what was rolled back, what stays applied.
    public var databaseState: String

    enum CodingKeys: String, CodingKey {
        case version, name, kind, file, line, column, direction, statement, sourceLine = "source_line"
        case sqlState = "sql_state", message, detail, hint, context
        case databaseState = "database_state"
    }
}
