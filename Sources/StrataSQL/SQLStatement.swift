/// One SQL statement (or psql meta-command) cut from a larger text.
public struct SQLStatement: Sendable, Hashable, Codable {
    /// The exact source text from the statement's first token to its last token before the
    /// terminating `;`: comments inside are kept; leading and trailing whitespace and comments,
    /// and the `;`, are not. Send this text to the server as is, so that its error positions
    /// can be mapped back with ``sourcePosition(forCharacterPosition:)``.
    public var text: String
    /// Where ``text`` lies in the whole input.
    public var span: SourceSpan
    /// How the statement may be run; see ``StatementKind``.
    public var kind: StatementKind
    /// The first (up to four) unquoted identifier tokens, upper-cased (ASCII only, as PostgreSQL
    /// folds keywords), e.g. `["CREATE", "INDEX", "CONCURRENTLY", "USERS_EMAIL_IDX"]`.
    public var leadingKeywords: [String]

    /// Creates a statement; nothing is checked. The splitter makes these; this initializer is
    /// for tests and fakes.
    public init(text: String, span: SourceSpan, kind: StatementKind, leadingKeywords: [String]) {
        self.text = text
        self.span = span
        self.kind = kind
        self.leadingKeywords = leadingKeywords
    }

    /// Maps PostgreSQL's error `position` to a place in the input.
    ///
    /// The server reports `position` as a 1-based index of characters (Unicode scalars) into the
    /// query string it received; when that string was ``text``, the result is the line, column and
    /// byte offset of that character in the whole input. Positions below 1 map to the start of the
    /// statement, and positions past its end map to the end of the statement.
    public func sourcePosition(forCharacterPosition position: Int) -> SourcePosition {
        let bytes = Array(text.utf8)
        var result = span.start
        var scalarsPassed = 0
        let wanted = max(position, 1) - 1
        for index in bytes.indices {
            let byte = bytes[index]
            if byte.isScalarStart {
                if scalarsPassed == wanted { return result }
                scalarsPassed += 1
            }
            result.advance(over: byte, next: index + 1 < bytes.count ? bytes[index + 1] : nil)
        }
        return result
    }
}
