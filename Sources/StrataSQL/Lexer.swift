/// PostgreSQL's lexical structure, as the server and psql see it.
///
/// The lexer understands every quoting form (`'…'`, `E'…'`, `U&'…'`, `B'…'`, `X'…'`, `N'…'`,
/// `$tag$…$tag$`, `"…"`, `U&"…"`), `--` comments and nesting `/* */` comments, numbers,
/// operators, `$1` parameters, and psql's backslash meta-commands.
///
/// `standard_conforming_strings` starts on, PostgreSQL's default, and follows the statements of
/// the text that change it, as psql does: after `SET standard_conforming_strings = off;` a plain
/// `'…'` literal treats a backslash as an escape (so `'it\'s'` is one string), until a statement
/// sets it on again or resets it (`RESET standard_conforming_strings`, `RESET ALL`, `SET … TO
/// DEFAULT`). ``stringSyntaxChanges()`` tells where it changed.
///
/// Guarantees, for any input:
/// - it never traps and always terminates;
/// - the tokens cover the input contiguously and in order, each at least one byte long, so
///   concatenating their texts reproduces the input byte for byte;
/// - an unterminated string, quoted identifier, dollar quote or block comment becomes one token
///   that runs to the end of the input, plus a diagnostic at the position where it was opened.
public struct Lexer: Sendable {
    /// The text being lexed.
    public let text: String

    /// Prepares to lex `text`; no work happens until ``tokens()``.
    public init(_ text: String) {
        self.text = text
    }

    /// Lexes the whole text.
    ///
    /// - Returns: every token in order (whitespace and comments included) and the lexical
    ///   problems found, in order of position.
    public func tokens() -> (tokens: [Token], diagnostics: [SQLDiagnostic]) {
        let lexed = LexedText(text)
        return (lexed.tokens, lexed.diagnostics)
    }

    /// Where statements of the text change `standard_conforming_strings` (empty when none do).
    public func stringSyntaxChanges() -> [StringSyntaxChange] {
        LexedText(text).stringSyntaxChanges
    }
}
