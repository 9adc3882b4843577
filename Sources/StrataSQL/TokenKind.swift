/// The lexical class of a ``Token``, following PostgreSQL's scanner plus psql's meta-commands.
public enum TokenKind: Sendable, Hashable {
    /// Spaces, tabs, line breaks, form feeds and vertical tabs.
    case whitespace
    /// `--` to the end of the line, not including the line break.
    case lineComment
    /// `/* … */`, including nested block comments.
    case blockComment
    /// An unquoted word: a keyword or an identifier such as `users`, `a$b` or `café`.
    case identifier
    /// `"…"` or `U&"…"`.
    case quotedIdentifier
    /// `'…'`, `E'…'`, `U&'…'`, `B'…'`, `X'…'` or `N'…'`.
    ///
    /// A `UESCAPE '…'` clause after a `U&` literal is lexed as an identifier and a string,
    /// as PostgreSQL's own scanner does.
    case string
    /// `$$…$$` or `$tag$…$tag$`.
    case dollarString
    /// An integer or decimal number, including `0x1F`, `1_000`, `.5` and `1e-3`.
    case number
    /// A positional parameter such as `$1`.
    case parameter
    /// A run of operator characters, such as `+`, `<>`, `->>` or `@@`.
    case `operator`
    /// `(` `)` `[` `]` `,` `;` `:` `::` `.` `..`, and any other single character that starts no
    /// other token (for example a `$` that opens neither a parameter nor a dollar quote).
    case punctuation
    /// A psql meta-command: a backslash outside quotes and comments, to the end of its line.
    case metaCommand
}

extension TokenKind {
    /// Whether the token carries no meaning for the server: whitespace or a comment.
    public var isTrivia: Bool {
        switch self {
        case .whitespace, .lineComment, .blockComment: true
        default: false
        }
    }
}
