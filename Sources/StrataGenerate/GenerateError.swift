import StrataPostgres
import StrataSchema

/// An error from diff, generate or push: a schema file that does not load, a scratch
/// server that cannot be used, a proof that failed.
public struct GenerateError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case schemaFile = "schema-file", scratch, proofFailed = "proof-failed", source, usage, applyFailed = "apply-failed"
            case unsupported
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A desired-schema file failed to load (exit 1); `file`, `line`, `column` say where.
        public static let schemaFile = Code(.schemaFile)
        /// The scratch server cannot be used (exit 3).
        public static let scratch = Code(.scratch)
        /// A generated migration did not prove correct; nothing was written (exit 1).
        public static let proofFailed = Code(.proofFailed)
        /// A source is malformed or cannot be read (exit 2).
        public static let source = Code(.source)
        /// A flag or argument is wrong (exit 2).
        public static let usage = Code(.usage)
        /// Applying a plan to the target failed (exit 1).
        public static let applyFailed = Code(.applyFailed)
        /// The desired schema holds objects Strata does not compare, and
        /// `--allow-unsupported` was not given (exit 4); `differences` names them.
        public static let unsupported = Code(.unsupported)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var hint: String?
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The source line at `line`, for a caret under the message.
    public var sourceLine: String?
    /// The server's error, when one caused this.
    public var server: ServerError?
    /// Objects that differ (for a failed proof), or that are not compared.
    public var differences: [String]

    public init(
        _ code: Code, _ message: String, hint: String? = nil, file: String? = nil, line: Int? = nil,
        column: Int? = nil, sourceLine: String? = nil, server: ServerError? = nil, differences: [String] = []
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
        self.server = server
        self.differences = differences
    }

    /// The error for a desired schema that holds objects Strata does not compare.
    public static func unsupported(_ objects: [NotComparedObject], command: String) -> GenerateError {
        GenerateError(
            .unsupported,
            "the desired schema holds \(objects.count) object\(objects.count == 1 ? "" : "s") of kinds Strata does not compare, "
                + "so \(command) cannot make them match; nothing was changed",
            hint: "create or change these by hand in a migration, then run again with --allow-unsupported to plan everything else:",
            differences: objects.map(\.description)
        )
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            location += ": "
        }
        var text = location + message
        for difference in differences { text += "\n  " + difference }
        if let hint { text += "\nhint: " + hint }
        return text
    }
}
