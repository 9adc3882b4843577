import PropertyBased
import StrataSQL
import Testing

/// Pieces of SQL that stress the lexer when glued together at random: every quote opener and
/// closer, comment markers, escapes, line breaks, routine keywords, directives, non-ASCII text.
private let fragments: [String] = [
    "'", "\"", "''", "$$", "$a$", "$fn$", "$1", "$", "a$b", "/*", "*/", "--", "\n", "\r\n", "\r", ";", ";;",
    "E'", "e'", "U&'", "U&\"", "B'", "UESCAPE", "\\", "\\\\", "\\i x", "(", ")", " ", "\t", "a", "x", "1", ".5",
    "::", "+", "-", "*", "/", "=", "é", "日本", "😀", "\u{301}", "\u{0}", "SELECT", "BEGIN", "ATOMIC", "END",
    "CASE", "CREATE", "OR REPLACE", "FUNCTION", "PROCEDURE", "COPY", "FROM", "STDIN", "VACUUM", "INDEX",
    "CONCURRENTLY", "ROLLBACK", "TO", "-- strata:up\n", "-- strata:down\n", "-- strata:no-transaction\n",
    "\n-- strata:up\n", "-- strata:bogus\n",
]

private let fragmentText = Gen<String?>.element(of: fragments).map { $0! }.array(of: 0...40).map { $0.joined() }
private let asciiText = Gen.ascii.string(of: 0...60)
private let scalarText = Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{D7FF}").map(Character.init).string(of: 0...40)

@Suite("Properties")
struct SplitterPropertyTests {
    @Test("splitting never traps, pieces reproduce the input, statements match their spans")
    func splitFragments() async {
        await propertyCheck(count: 400, input: fragmentText) { text in checkSplit(text) }
    }

    @Test("splitting random ASCII")
    func splitASCII() async {
        await propertyCheck(count: 200, input: asciiText) { text in checkSplit(text) }
    }

    @Test("splitting random Unicode")
    func splitUnicode() async {
        await propertyCheck(count: 200, input: scalarText) { text in checkSplit(text) }
    }

    @Test("lexer tokens cover the input contiguously, at the right positions")
    func lexerCoverage() async {
        await propertyCheck(count: 400, input: fragmentText) { text in checkTokens(text) }
        await propertyCheck(count: 200, input: scalarText) { text in checkTokens(text) }
    }

    @Test("migration parsing never traps and keeps positions in the file")
    func migrationParsing() async {
        await propertyCheck(count: 400, input: fragmentText) { text in checkMigration(text) }
    }

    @Test("quoted identifiers and literals lex back as exactly one token")
    func quotingRoundTrip() async {
        await propertyCheck(count: 300, input: fragmentText) { text in
            let identifier = SQLIdentifier.quoteIfNeeded(text)
            let (tokens, diagnostics) = Lexer(identifier).tokens()
            #expect(diagnostics.isEmpty)
            #expect(tokens.map(\.kind) == [SQLIdentifier.requiresQuoting(text) ? .quotedIdentifier : .identifier])

            let literal = SQLLiteral.quote(text)
            let lexed = Lexer(literal).tokens()
            #expect(lexed.diagnostics.isEmpty)
            #expect(lexed.tokens.map(\.kind) == [.string])
        }
    }
}

private func checkSplit(_ text: String) {
    let bytes = Array(text.utf8)
    let reference = referencePositions(text)
    let result = StatementSplitter.split(text)

    // Pieces: contiguous, non-empty, covering everything.
    var cursor = 0
    for piece in result.pieces {
        #expect(piece.lowerBound == cursor && !piece.isEmpty)
        cursor = piece.upperBound
    }
    #expect(cursor == bytes.count)
    #expect(result.pieces.flatMap { bytes[$0] } == bytes)

    // Statements: exact text at their spans, in order, each one piece.
    var previousEnd = 0
    for statement in result.statements {
        let range = statement.span.byteRange
        #expect(range.lowerBound >= previousEnd)
        previousEnd = range.upperBound
        #expect(Array(statement.text.utf8) == Array(bytes[range]))
        #expect(!statement.text.isEmpty)
        #expect(statement.span.start == reference[range.lowerBound])
        #expect(statement.span.end == reference[range.upperBound])
        #expect(result.pieces.contains(range))
        #expect(statement.sourcePosition(forCharacterPosition: 1) == statement.span.start)
        let characters = statement.text.unicodeScalars.count
        #expect(statement.sourcePosition(forCharacterPosition: characters + 1) == statement.span.end)
        let middle = characters / 2 + 1
        let middleOffset = range.lowerBound
            + statement.text.unicodeScalars.prefix(middle - 1).reduce(0) { $0 + String($1).utf8.count }
        #expect(statement.sourcePosition(forCharacterPosition: middle) == reference[middleOffset])
    }
    for diagnostic in result.diagnostics {
        #expect(diagnostic.position == reference[diagnostic.position.offset])
    }
}

private func checkTokens(_ text: String) {
    let reference = referencePositions(text)
    let (tokens, diagnostics) = Lexer(text).tokens()
    var cursor = 0
    for token in tokens {
        #expect(token.range.lowerBound == cursor && !token.range.isEmpty)
        #expect(token.start == reference[token.range.lowerBound])
        cursor = token.range.upperBound
    }
    #expect(cursor == text.utf8.count)
    #expect(tokens.map { $0.text(in: text) }.joined() == text)
    for diagnostic in diagnostics {
        #expect(tokens.contains { $0.start == diagnostic.position && $0.range.upperBound == text.utf8.count })
    }
}

private func checkMigration(_ text: String) {
    let bytes = Array(text.utf8)
    let reference = referencePositions(text)
    let script = MigrationScript.parse(text)
    #expect(bytes.starts(with: Array(script.header.utf8)))
    for statement in script.up + (script.down ?? []) {
        #expect(Array(statement.text.utf8) == Array(bytes[statement.span.byteRange]))
        #expect(statement.span.start == reference[statement.span.start.offset])
    }
    for span in [script.upSpan, script.downSpan].compactMap({ $0 }) {
        #expect(span.start == reference[span.start.offset])
        #expect(span.end == reference[span.end.offset])
        for statement in script.up + (script.down ?? []) where span.byteRange.contains(statement.span.start.offset) {
            #expect(statement.span.end.offset <= span.end.offset)
        }
    }
    if let up = script.upSpan, let down = script.downSpan {
        #expect(up.end.offset <= down.start.offset)
    }
    for diagnostic in script.diagnostics {
        #expect(diagnostic.position == reference[diagnostic.position.offset])
    }
    #expect(script.diagnostics.map(\.position.offset) == script.diagnostics.map(\.position.offset).sorted())
}
