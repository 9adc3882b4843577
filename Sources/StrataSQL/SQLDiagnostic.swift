/// A problem found in SQL text before anything runs: a lexical error, a misplaced migration
/// directive, or a statement a migration may not contain.
///
/// Diagnostics are collected, not thrown: one pass reports every problem it can find, each with
/// the place it starts and, where there is one, what to do about it.
public struct SQLDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, documented identifier for a kind of problem.
    ///
    /// Codes are strings so that tools and JSON output can match on them; new codes may be
    /// added without breaking anyone who switches over the known ones with a `default`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The code as written in output, e.g. `unterminated-string`.
        public let rawValue: String

        /// Wraps a raw code; prefer the static members.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The raw code, as printed after a message.
        public var description: String { rawValue }

        /// A `'…'` string (or `E'…'`, `U&'…'`, `B'…'`, `X'…'`, `N'…'`) has no closing quote.
        public static let unterminatedString = Code(rawValue: "unterminated-string")
        /// A `"…"` (or `U&"…"`) identifier has no closing quote.
        public static let unterminatedQuotedIdentifier = Code(rawValue: "unterminated-quoted-identifier")
        /// A `/* … */` comment is not closed; block comments nest, so every `/*` needs a `*/`.
        public static let unterminatedBlockComment = Code(rawValue: "unterminated-block-comment")
        /// A `$tag$ … $tag$` string has no closing delimiter.
        public static let unterminatedDollarQuote = Code(rawValue: "unterminated-dollar-quote")
        /// A psql meta-command (`\i`, `\set`, …): not SQL, the server cannot run it.
        public static let metaCommand = Code(rawValue: "meta-command")
        /// `BEGIN`, `COMMIT`, `ROLLBACK` and friends in a migration that runs in a transaction.
        public static let transactionControl = Code(rawValue: "transaction-control")
        /// A statement that PostgreSQL refuses inside a transaction block, in a migration that
        /// runs in one.
        public static let notAllowedInTransaction = Code(rawValue: "not-allowed-in-transaction")
        /// `COPY … FROM STDIN`, which needs a client-side data stream after the statement.
        public static let copyFromStdin = Code(rawValue: "copy-from-stdin")
        /// A `-- strata:…` comment with a word that is not a known directive.
        public static let unknownDirective = Code(rawValue: "unknown-directive")
        /// A directive in a place where it cannot apply: inside a statement, after a line's
        /// code, or out of order.
        public static let misplacedDirective = Code(rawValue: "misplaced-directive")
        /// A directive given a second time.
        public static let duplicateDirective = Code(rawValue: "duplicate-directive")
        /// `-- strata:down` without a `-- strata:up` before it.
        public static let missingUpDirective = Code(rawValue: "missing-up-directive")
        /// SQL in the header before `-- strata:up`, which is a comment and never runs.
        public static let statementInHeader = Code(rawValue: "statement-in-header")
    }

    /// What kind of problem this is.
    public var code: Code
    /// What is wrong, in one sentence, e.g. "unterminated dollar-quoted string $fn$ starting here".
    public var message: String
    /// What to do about it, when there is something to suggest.
    public var hint: String?
    /// Where the problem starts (for an unterminated construct: where it was opened).
    public var position: SourcePosition

    /// Creates a diagnostic.
    public init(code: Code, message: String, hint: String? = nil, position: SourcePosition) {
        self.code = code
        self.message = message
        self.hint = hint
        self.position = position
    }

    /// `line:column: message [code]`, followed by `hint: …` on the next line when there is a hint.
    public var description: String {
        var text = "\(position): \(message) [\(code)]"
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}
