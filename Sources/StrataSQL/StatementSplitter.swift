/// Splits SQL text into statements with PostgreSQL's lexical rules — never with lines or
/// regular expressions — so that `;` inside strings, quoted identifiers, comments, dollar-quoted
/// bodies and `BEGIN ATOMIC … END` bodies does not end a statement.
public enum StatementSplitter {
    /// Splits `text` into statements.
    ///
    /// - A `;` at the top level ends a statement; empty statements (`;;`) are skipped.
    /// - A statement that reaches the end of the input without a `;` is still a statement.
    /// - A psql meta-command (`\i file.sql`) ends the statement before it and is a statement of
    ///   kind ``StatementKind/metaCommand`` on its own.
    /// - Lexical problems are reported in ``SplitResult/diagnostics``; splitting goes on, with an
    ///   unterminated construct running to the end of the input.
    /// - `standard_conforming_strings` starts on and follows the statements that change it
    ///   (see ``Lexer``).
    ///
    /// Never traps, for any input.
    public static func split(_ text: String) -> SplitResult {
        let source = LexedText(text)
        var builder = StatementBuilder(source: source)
        for index in source.tokens.indices {
            builder.consume(index)
        }
        builder.finish()
        let statements = builder.statements
        return SplitResult(
            statements: statements,
            pieces: pieces(of: statements.map(\.span.byteRange), length: source.bytes.count),
            diagnostics: source.diagnostics,
            stringSyntaxChanges: source.stringSyntaxChanges
        )
    }

    /// The segmentation of `0..<length` into the given ordered, disjoint ranges and the gaps
    /// between them.
    static func pieces(of ranges: [Range<Int>], length: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var cursor = 0
        for range in ranges where !range.isEmpty {
            if range.lowerBound > cursor { pieces.append(cursor..<range.lowerBound) }
            pieces.append(range)
            cursor = range.upperBound
        }
        if cursor < length { pieces.append(cursor..<length) }
        return pieces
    }
}
