import StrataSQL
import Testing

/// Every unterminated construct: one token to the end of the input, and a diagnostic with the
/// right code at the position where the construct was opened.
@Suite("Lexer: unterminated constructs")
struct LexerDiagnosticTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var sql: String
        var code: SQLDiagnostic.Code
        var position: SourcePosition
        var messageContains: String
        var testDescription: String { sql.debugDescription }
    }

    static let cases: [Case] = [
        Case(sql: "SELECT 'abc", code: .unterminatedString, position: pos(1, 8, 7), messageContains: "'…'"),
        Case(sql: #"SELECT E'it\'s"#, code: .unterminatedString, position: pos(1, 8, 7), messageContains: "E'…'"),
        Case(sql: #"SELECT E'a\"#, code: .unterminatedString, position: pos(1, 8, 7), messageContains: "E'…'"),
        Case(sql: "x = U&'abc", code: .unterminatedString, position: pos(1, 5, 4), messageContains: "U&'…'"),
        Case(sql: "B'0101", code: .unterminatedString, position: pos(1, 1, 0), messageContains: "B'…'"),
        Case(sql: "SELECT 'a'';", code: .unterminatedString, position: pos(1, 8, 7), messageContains: "string"),
        Case(sql: "SELECT \"abc", code: .unterminatedQuotedIdentifier, position: pos(1, 8, 7), messageContains: "quoted identifier"),
        Case(sql: "SELECT U&\"abc\"\"", code: .unterminatedQuotedIdentifier, position: pos(1, 8, 7), messageContains: "U&\""),
        Case(sql: "SELECT 1; /* a", code: .unterminatedBlockComment, position: pos(1, 11, 10), messageContains: "/*"),
        Case(sql: "SELECT 1; /* a /* b */", code: .unterminatedBlockComment, position: pos(1, 11, 10), messageContains: "/*"),
        Case(sql: "/* a /* b /* c", code: .unterminatedBlockComment, position: pos(1, 1, 0), messageContains: "3 comments still open"),
        Case(sql: "SELECT $fn$ body $$ inner $$", code: .unterminatedDollarQuote, position: pos(1, 8, 7), messageContains: "$fn$"),
        Case(sql: "AS $$ SELECT 1; $ $", code: .unterminatedDollarQuote, position: pos(1, 4, 3), messageContains: "$$"),
        Case(sql: "SELECT 1;\n  SELECT 'x", code: .unterminatedString, position: pos(2, 10, 19), messageContains: "string"),
        Case(sql: "SELECT 'é', 'x", code: .unterminatedString, position: pos(1, 13, 13), messageContains: "string"),
        Case(sql: "SELECT 1;\r\n\r\n$ö$ x", code: .unterminatedDollarQuote, position: pos(3, 1, 13), messageContains: "$ö$"),
    ]

    @Test("code and position of the opening", arguments: cases)
    func unterminated(_ testCase: Case) throws {
        let (tokens, diagnostics) = Lexer(testCase.sql).tokens()
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == testCase.code)
        #expect(diagnostic.position == testCase.position)
        #expect(diagnostic.message.contains(testCase.messageContains))
        #expect(diagnostic.hint != nil)

        // The unterminated construct is the last token and runs to the end of the input.
        let last = try #require(tokens.last)
        #expect(last.start == testCase.position)
        #expect(last.range.upperBound == testCase.sql.utf8.count)
    }

    @Test("the splitter reports the same diagnostics and keeps the text")
    func splitterPassesDiagnosticsOn() throws {
        let sql = "SELECT 1;\nSELECT $body$ ; SELECT 2;"
        let result = StatementSplitter.split(sql)
        #expect(result.diagnostics.map(\.code) == [.unterminatedDollarQuote])
        #expect(result.diagnostics.first?.position == pos(2, 8, 17))
        #expect(result.statements.map(\.text) == ["SELECT 1", "SELECT $body$ ; SELECT 2;"])
    }

    @Test("the message names the tag and the hint says how to close it")
    func dollarQuoteMessage() throws {
        let diagnostic = try #require(Lexer("CREATE FUNCTION f() AS $fn$ SELECT $$x$$").tokens().diagnostics.first)
        #expect(diagnostic.message == "unterminated dollar-quoted string $fn$ starting here")
        #expect(diagnostic.hint?.contains("close it with $fn$") == true)
        #expect(diagnostic.description.hasPrefix("1:24: unterminated dollar-quoted string $fn$ starting here [unterminated-dollar-quote]"))
    }

    @Test("well-formed input has no diagnostics")
    func noDiagnostics() {
        let sql = #"SELECT 'a''b', E'\'', U&'x' UESCAPE '!', "q""q", $$x$$, $t$ $$ $t$ /* /* */ */ -- c"#
        #expect(Lexer(sql).tokens().diagnostics.isEmpty)
    }
}
