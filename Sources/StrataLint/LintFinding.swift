import StrataSQL

/// One thing the linter found, at a place in a migration file.
///
/// Encodes as the JSON contract `{"code", "severity", "file", "line", "column", "message",
/// "hint"}` plus `"statement"` (an excerpt of the statement).
public struct LintFinding: Sendable, Hashable, Codable {
    public var rule: LintRule
    public var severity: LintSeverity
    /// The file as given to the linter (relative to the project for migrations).
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, naming the objects.
    public var message: String
    /// What to do instead, usually as SQL.
    public var hint: String
    /// The first line of the statement (shortened), for text output.
    public var statement: String

    public init(
        rule: LintRule, severity: LintSeverity, file: String, position: SourcePosition,
        message: String, hint: String, statement: String
    ) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = position.line
        self.column = position.column
        self.message = message
        self.hint = hint
        self.statement = statement
    }

    /// How a finding shows its statement: the first line, shortened to 100 characters, with
    /// ` …` when more follows.
    public static func excerpt(of statementText: String) -> String {
        let line = statementText.prefix { $0 != "\n" && $0 != "\r" }
        let shortened = line.count > 100 ? line.prefix(99) + "…" : line
        return line.count < statementText.count && shortened.count == line.count ? shortened + " …" : String(shortened)
    }

    enum CodingKeys: String, CodingKey {
        case rule = "code", severity, file, line, column, message, hint, statement
    }
}
