import StrataSQL
import Testing

/// Golden-style token streams for every lexical form.
@Suite("Lexer: token forms")
struct LexerTests {
    @Test(
        "strings and their prefixes",
        arguments: [
            ("SELECT 'a;b';", "id(SELECT) str('a;b') punct(;)"),
            ("'it''s'", "str('it''s')"),
            (#"E'it\'s \\ ;'"#, #"str(E'it\'s \\ ;')"#),
            (#"e'\'' x"#, #"str(e'\'') id(x)"#),
            (#"E'a\\' ;"#, #"str(E'a\\') punct(;)"#),
            (#"'a\' ;"#, #"str('a\') punct(;)"#),
            (#"U&'d\0061t\+000061'"#, #"str(U&'d\0061t\+000061')"#),
            ("U&'d!0061t!+000061' UESCAPE '!'", "str(U&'d!0061t!+000061') id(UESCAPE) str('!')"),
            ("u&'x;y'", "str(u&'x;y')"),
            ("B'1010' b'01' X'1F' x'ff' N'text' n'x'", "str(B'1010') str(b'01') str(X'1F') str(x'ff') str(N'text') str(n'x')"),
            ("abe'x'", "id(abe) str('x')"),
            ("ee'x'", "id(ee) str('x')"),
            ("'ünïcødé;'", "str('ünïcødé;')"),
            ("'line\none'", "str('line\none')"),
        ] as [(String, String)]
    )
    func strings(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "quoted identifiers",
        arguments: [
            (#""semi;colon""#, #"qid("semi;colon")"#),
            (#""a""b" c"#, #"qid("a""b") id(c)"#),
            (#"U&"d\0061t\+000061""#, #"qid(U&"d\0061t\+000061")"#),
            (#"u&"x" UESCAPE '!'"#, #"qid(u&"x") id(UESCAPE) str('!')"#),
            ("u&x", "id(u) op(&) id(x)"),
            (#""ünï;""#, #"qid("ünï;")"#),
        ] as [(String, String)]
    )
    func quotedIdentifiers(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "comments",
        arguments: [
            ("-- note; still a comment\nSELECT", "line(-- note; still a comment) id(SELECT)"),
            ("--\r\nx", "line(--) id(x)"),
            ("/* outer /* inner; */ still comment; */ SELECT", "block(/* outer /* inner; */ still comment; */) id(SELECT)"),
            ("/**/x", "block(/**/) id(x)"),
            ("/*/ x */y", "block(/*/ x */) id(y)"),
            ("/* a **/b", "block(/* a **/) id(b)"),
            ("a+--c\nb", "id(a) op(+) line(--c) id(b)"),
            ("a*/*c*/b", "id(a) op(*) block(/*c*/) id(b)"),
            ("'--' \"/*\"", "str('--') qid(\"/*\")"),
        ] as [(String, String)]
    )
    func comments(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "dollar quotes and parameters",
        arguments: [
            ("$$a;b$$", "dollar($$a;b$$)"),
            ("$fn$ BEGIN RETURN $$x;$$; END $fn$;", "dollar($fn$ BEGIN RETURN $$x;$$; END $fn$) punct(;)"),
            ("$a$ $b$ ; $b$ $a$", "dollar($a$ $b$ ; $b$ $a$)"),
            ("$a$ x$ba$ $a$", "dollar($a$ x$ba$ $a$)"),
            ("$a$ b$a$ c", "dollar($a$ b$a$) id(c)"),
            ("$_$;$_$", "dollar($_$;$_$)"),
            ("$ö$ ; $ö$", "dollar($ö$ ; $ö$)"),
            ("$Tag$ $tag$ $Tag$", "dollar($Tag$ $tag$ $Tag$)"),
            ("$1 $23", "param($1) param($23)"),
            ("$1$", "param($1) punct($)"),
            ("a$b a$b$ c", "id(a$b) id(a$b$) id(c)"),
            ("x$$ y", "id(x$$) id(y)"),
            ("$abc", "punct($) id(abc)"),
            ("$", "punct($)"),
            ("$ 1", "punct($) num(1)"),
        ] as [(String, String)]
    )
    func dollarQuotes(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "numbers",
        arguments: [
            ("42 3.14 .5 1. 1e10 1.5E-3 2e+4", "num(42) num(3.14) num(.5) num(1.) num(1e10) num(1.5E-3) num(2e+4)"),
            ("0x1F 0o17 0b101 0X_ff 1_000_000", "num(0x1F) num(0o17) num(0b101) num(0X_ff) num(1_000_000)"),
            ("1..2", "num(1) punct(..) num(2)"),
            ("1e", "num(1) id(e)"),
            ("1_", "num(1) id(_)"),
            ("0b'101'", "num(0) str(b'101')"),
        ] as [(String, String)]
    )
    func numbers(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "operators and punctuation",
        arguments: [
            ("a<>b", "id(a) op(<>) id(b)"),
            ("a>=b", "id(a) op(>=) id(b)"),
            ("a=-1", "id(a) op(=) op(-) num(1)"),
            ("a@-1", "id(a) op(@-) num(1)"),
            ("x->>'k'", "id(x) op(->>) str('k')"),
            ("x::int", "id(x) punct(::) id(int)"),
            ("f(a => 1, b := 2)", "id(f) punct(() id(a) op(=>) num(1) punct(,) id(b) op(:=) num(2) punct())"),
            ("a[1:2].b", "id(a) punct([) num(1) punct(:) num(2) punct(]) punct(.) id(b)"),
            ("a ~~* b !~ c ?| d", "id(a) op(~~*) id(b) op(!~) id(c) op(?|) id(d)"),
            ("{}", "punct({) punct(})"),
        ] as [(String, String)]
    )
    func operators(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "identifiers, keywords and non-ASCII text",
        arguments: [
            ("CREATE TABLE café (naïve text DEFAULT 'ünïcødé;');",
             "id(CREATE) id(TABLE) id(café) punct(() id(naïve) id(text) id(DEFAULT) str('ünïcødé;') punct()) punct(;)"),
            ("_x x1 x_y ÄÖÜ 日本", "id(_x) id(x1) id(x_y) id(ÄÖÜ) id(日本)"),
            ("SELECT😀", "id(SELECT😀)"),
        ] as [(String, String)]
    )
    func identifiers(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test(
        "psql meta-commands run to the end of the line",
        arguments: [
            ("\\i file.sql\nSELECT 1;", "meta(\\i file.sql) id(SELECT) num(1) punct(;)"),
            ("\\set x 1  \nSELECT", "meta(\\set x 1) id(SELECT)"),
            ("SELECT 1 \\gset\r\nx", "id(SELECT) num(1) meta(\\gset) id(x)"),
            ("\\c db", "meta(\\c db)"),
            ("'\\i' E'\\\\' $$\\x$$ \"\\\" -- \\c\n/* \\d */", "str('\\i') str(E'\\\\') dollar($$\\x$$) qid(\"\\\") line(-- \\c) block(/* \\d */)"),
        ] as [(String, String)]
    )
    func metaCommands(_ sql: String, _ expected: String) {
        #expect(renderTokens(sql) == expected)
    }

    @Test("whitespace tokens group runs of blanks and line breaks")
    func whitespace() {
        let sql = "a \t\r\n\u{0B}\u{0C}b"
        let (tokens, diagnostics) = Lexer(sql).tokens()
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.identifier, .whitespace, .identifier])
        #expect(tokens[1].range == 1..<7)
    }

    @Test("token start positions count lines and Unicode scalars")
    func tokenPositions() {
        let sql = "SELECT 'é',\r\n  naïve\rFROM\nt"
        let tokens = Lexer(sql).tokens().tokens.filter { $0.kind != .whitespace }
        #expect(tokens.map(\.start) == [
            pos(1, 1, 0),  // SELECT
            pos(1, 8, 7),  // 'é'
            pos(1, 11, 11),  // ,
            pos(2, 3, 16),  // naïve
            pos(3, 1, 23),  // FROM
            pos(4, 1, 28),  // t
        ])
    }

    @Test("tokens cover the input for every golden case")
    func coverage() {
        let inputs = [
            "SELECT 1;", #"E'it\'s \\ ;'"#, "$fn$ $$ $$ $fn$", "/* /* */ */", "\\i x\n", "a$b$c", "U&'x' UESCAPE '!'",
            "CREATE TABLE café (naïve text DEFAULT 'ünïcødé;');\r\n", "", " ", "'", "\"", "$a$", "/*", "E'\\",
        ]
        for input in inputs {
            let (tokens, _) = Lexer(input).tokens()
            var cursor = 0
            for token in tokens {
                #expect(token.range.lowerBound == cursor)
                #expect(!token.range.isEmpty)
                cursor = token.range.upperBound
            }
            #expect(cursor == input.utf8.count)
            #expect(tokens.map { $0.text(in: input) }.joined() == input)
        }
    }

    @Test("a token's text clamps to the source it is given")
    func tokenTextClamps() {
        let token = Token(kind: .identifier, range: 2..<50, start: pos(1, 3, 2))
        #expect(token.text(in: "abcdef") == "cdef")
        #expect(Token(kind: .identifier, range: 10..<12, start: pos(1, 1, 10)).text(in: "abc") == "")
    }

    @Test("a byte slice maps into a string, small or long, ASCII folding leaving other bytes whole")
    func mappedBytes() {
        func upper(_ byte: UInt8) -> UInt8 { (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte }
        let bytes = Array("x café_ünï and_a_name_longer_than_fifteen_bytes".utf8)
        #expect(String(utf8: bytes[2..<13], mappingEach: upper) == "CAFé_üNï")
        #expect(String(utf8: bytes[14...], mappingEach: upper) == "AND_A_NAME_LONGER_THAN_FIFTEEN_BYTES")
        #expect(String(utf8: bytes[0..<0], mappingEach: upper) == "")
        #expect(String(utf8: bytes[0..<1]) { $0 } == "x")
    }
}
