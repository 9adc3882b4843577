import StrataSQL
import Testing

@Suite("MigrationScript: directives and sections")
struct MigrationDirectiveTests {
    @Test("a file without directives is all up")
    func noDirectives() {
        let sql = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.isValid)
        #expect(script.header == "")
        #expect(script.isTransactional)
        #expect(script.up.map(\.text) == ["CREATE TABLE a (id int)", "CREATE TABLE b (id int)"])
        #expect(script.down == nil)
        #expect(script.upSpan == SourceSpan(start: pos(1, 1, 0), end: pos(3, 1, 50)))
        #expect(script.downSpan == nil)
    }

    @Test("header, up and down")
    func upAndDown() throws {
        let sql = """
            -- Adds users.
            -- strata:up
            CREATE TABLE users (id bigint PRIMARY KEY);

            -- strata:down
            DROP TABLE users;

            """
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.header == "-- Adds users.\n")
        #expect(script.isTransactional)
        #expect(script.up.map(\.text) == ["CREATE TABLE users (id bigint PRIMARY KEY)"])
        #expect(script.down?.map(\.text) == ["DROP TABLE users"])
        #expect(script.up.first?.span.start == pos(3, 1, 28))
        #expect(script.down?.first?.span.start == pos(6, 1, 88))
        #expect(script.upSpan == SourceSpan(start: pos(3, 1, 28), end: pos(5, 1, 73)))
        #expect(script.downSpan == SourceSpan(start: pos(6, 1, 88), end: pos(7, 1, 106)))
        let upSpan = try #require(script.upSpan)
        #expect(slice(sql, upSpan.byteRange) == "CREATE TABLE users (id bigint PRIMARY KEY);\n\n")
    }

    @Test("no-transaction before up")
    func noTransaction() {
        let sql = "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- strata:down\nDROP INDEX CONCURRENTLY i;"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(!script.isTransactional)
        #expect(script.header == "-- strata:no-transaction\n")
        #expect(script.up.map(\.kind) == [.nonTransactional])
        #expect(script.down?.map(\.kind) == [.nonTransactional])
    }

    @Test("no-transaction at the top of a file without up")
    func noTransactionWithoutUp() {
        let script = MigrationScript.parse("-- strata:no-transaction\nVACUUM;\n")
        #expect(script.diagnostics.isEmpty)
        #expect(!script.isTransactional)
        #expect(script.header == "")
        #expect(script.up.map(\.text) == ["VACUUM"])
    }

    @Test("a down section that is present but empty")
    func emptyDown() {
        let script = MigrationScript.parse("-- strata:up\nSELECT 1;\n-- strata:down\n-- nothing to undo\n")
        #expect(script.diagnostics.isEmpty)
        #expect(script.down == [])
        #expect(script.downSpan == SourceSpan(start: pos(4, 1, 38), end: pos(5, 1, 57)))
    }

    @Test("directives are recognized with any case, blanks and CRLF; the up part may be at the end")
    func lenientSpelling() {
        let sql = "  --strata:UP  \r\nSELECT 1;\r\n\t-- Strata: down\r\nSELECT 2;"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.up.map(\.text) == ["SELECT 1"])
        #expect(script.down?.map(\.text) == ["SELECT 2"])
        #expect(script.up.first?.span.start == pos(2, 1, 17))
        #expect(script.down?.first?.span.start == pos(4, 1, 46))
        #expect(script.upSpan?.end == pos(3, 1, 28))
        #expect(MigrationScript.parse("-- strata:up").upSpan == SourceSpan(start: pos(1, 13, 12), end: pos(1, 13, 12)))
    }

    @Test(
        "directive text inside strings, dollar quotes and block comments is not a directive",
        arguments: [
            "-- strata:up\nSELECT $$\n-- strata:down\n$$;",
            "-- strata:up\nSELECT '\n-- strata:down\n';",
            "-- strata:up\n/*\n-- strata:down\n*/ SELECT 1;",
            "-- strata:up\nSELECT \"\n-- strata:down\n\";",
        ]
    )
    func quotedDirectives(_ sql: String) {
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.up.count == 1)
        #expect(script.down == nil)
    }

    @Test("an unknown directive lists the known ones")
    func unknownDirective() throws {
        let script = MigrationScript.parse("-- strata:up\nSELECT 1;\n  -- strata:upp\n-- strata:\n")
        #expect(script.diagnostics.map(\.code) == [.unknownDirective, .unknownDirective])
        #expect(script.diagnostics.map(\.position) == [pos(3, 3, 25), pos(4, 1, 39)])
        let diagnostic = try #require(script.diagnostics.first)
        #expect(diagnostic.message == "unknown directive -- strata:upp")
        #expect(diagnostic.hint == "the known directives are -- strata:up, -- strata:down, -- strata:no-transaction")
    }

    @Test("a directive inside an unfinished statement is misplaced, and the statement ends there")
    func directiveInsideStatement() throws {
        let sql = "-- strata:up\nCREATE TABLE a (\n  id int\n-- strata:down\n);\nDROP TABLE a;"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.map(\.code) == [.misplacedDirective])
        #expect(script.diagnostics.first?.position == pos(4, 1, 39))
        #expect(script.diagnostics.first?.hint == "end the statement with ; before -- strata:down")
        #expect(script.up.map(\.text) == ["CREATE TABLE a (\n  id int"])
        #expect(script.down?.map(\.text) == [")", "DROP TABLE a"])
    }

    @Test("a statement without ; before -- strata:down is cut there and reported")
    func missingSemicolonBeforeDown() {
        let script = MigrationScript.parse("-- strata:up\nSELECT 1\n-- strata:down\nSELECT 2")
        #expect(script.diagnostics.map(\.code) == [.misplacedDirective])
        #expect(script.up.map(\.text) == ["SELECT 1"])
        #expect(script.down?.map(\.text) == ["SELECT 2"])
    }

    @Test("no-transaction after up is misplaced and ignored")
    func noTransactionAfterUp() {
        let script = MigrationScript.parse("-- strata:up\n-- strata:no-transaction\nVACUUM;")
        #expect(script.diagnostics.map(\.code) == [.misplacedDirective, .notAllowedInTransaction])
        #expect(script.diagnostics.first?.position == pos(2, 1, 13))
        #expect(script.isTransactional)
    }

    @Test("no-transaction after the first statement of a file without up is misplaced")
    func noTransactionAfterStatement() {
        let script = MigrationScript.parse("SELECT 1;\n-- strata:no-transaction\n")
        #expect(script.diagnostics.map(\.code) == [.misplacedDirective])
        #expect(script.isTransactional)
    }

    @Test("a directive after code on the same line is misplaced and ignored")
    func directiveAfterCode() {
        let script = MigrationScript.parse("-- strata:up\nSELECT 1; -- strata:down\nSELECT 2;")
        #expect(script.diagnostics.map(\.code) == [.misplacedDirective])
        #expect(script.diagnostics.first?.position == pos(2, 11, 23))
        #expect(script.diagnostics.first?.hint == "move -- strata:down to a line of its own")
        #expect(script.down == nil)
        #expect(script.up.count == 2)
    }

    @Test(
        "repeated directives",
        arguments: [
            ("-- strata:up\nSELECT 1;\n-- strata:up\nSELECT 2;", pos(3, 1, 23)),
            ("-- strata:up\n-- strata:down\nSELECT 1;\n-- strata:down\n", pos(4, 1, 38)),
            ("-- strata:no-transaction\n-- strata:no-transaction\n-- strata:up\n", pos(2, 1, 25)),
        ] as [(String, SourcePosition)]
    )
    func duplicates(_ sql: String, _ position: SourcePosition) {
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.map(\.code) == [.duplicateDirective])
        #expect(script.diagnostics.first?.position == position)
    }

    @Test("the second up is ignored: its statements stay in the up part")
    func duplicateUpKeepsStatements() {
        let script = MigrationScript.parse("-- strata:up\nSELECT 1;\n-- strata:up\nSELECT 2;")
        #expect(script.up.map(\.text) == ["SELECT 1", "SELECT 2"])
    }

    @Test("down without up")
    func downWithoutUp() {
        let script = MigrationScript.parse("CREATE TABLE a ();\n-- strata:down\nDROP TABLE a;")
        #expect(script.diagnostics.map(\.code) == [.missingUpDirective])
        #expect(script.diagnostics.first?.position == pos(2, 1, 19))
        #expect(script.up.map(\.text) == ["CREATE TABLE a ()"])
        #expect(script.down?.map(\.text) == ["DROP TABLE a"])
    }

    @Test("down before up")
    func downBeforeUp() {
        let script = MigrationScript.parse("-- strata:down\nDROP TABLE a;\n-- strata:up\nCREATE TABLE a ();")
        #expect(script.diagnostics.map(\.code) == [.missingUpDirective, .misplacedDirective])
        #expect(script.diagnostics.map(\.position) == [pos(1, 1, 0), pos(3, 1, 29)])
        #expect(script.up == [])
        #expect(script.upSpan == nil)
        #expect(script.down?.map(\.text) == ["DROP TABLE a", "CREATE TABLE a ()"])
    }

    @Test("SQL in the header never runs and is reported")
    func statementInHeader() {
        let script = MigrationScript.parse("-- About this file\nCREATE TABLE lost ();\n-- strata:up\nCREATE TABLE kept ();")
        #expect(script.diagnostics.map(\.code) == [.statementInHeader])
        #expect(script.diagnostics.first?.position == pos(2, 1, 19))
        #expect(script.header == "-- About this file\nCREATE TABLE lost ();\n")
        #expect(script.up.map(\.text) == ["CREATE TABLE kept ()"])
    }

    @Test("an unterminated construct in the up part swallows the rest and is reported")
    func unterminatedInUp() {
        let script = MigrationScript.parse("-- strata:up\nSELECT $$x;\n-- strata:down\nDROP TABLE a;")
        #expect(script.diagnostics.map(\.code) == [.unterminatedDollarQuote])
        #expect(script.diagnostics.first?.position == pos(2, 8, 20))
        #expect(script.down == nil)
    }

    @Test("MigrationDirective lines")
    func directiveLines() {
        #expect(MigrationDirective.allCases.map(\.line) == ["-- strata:up", "-- strata:down", "-- strata:no-transaction"])
        #expect(MigrationDirective(rawValue: "no-transaction") == .noTransaction)
    }
}

@Suite("MigrationScript: byte order mark")
struct MigrationByteOrderMarkTests {
    @Test("a file that starts with U+FEFF still has its directives")
    func byteOrderMark() {
        let sql = "\u{FEFF}-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 2;"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.header == "")
        #expect(script.up.map(\.text) == ["SELECT 1"])
        #expect(script.down?.map(\.text) == ["SELECT 2"])
        #expect(Lexer(sql).tokens().tokens.first?.kind == .whitespace)
        #expect(StatementSplitter.split("\u{FEFF}SELECT 1").statements.map(\.text) == ["SELECT 1"])
    }
}
