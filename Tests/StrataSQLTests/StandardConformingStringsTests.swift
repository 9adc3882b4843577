import StrataSQL
import Testing

/// The lexer follows `standard_conforming_strings` set inside a text, as psql does.
@Suite("Lexer: standard_conforming_strings")
struct StandardConformingStringsTests {
    @Test(
        "statements that turn it off make backslash an escape in plain strings",
        arguments: [
            "SET standard_conforming_strings = off;",
            "set standard_conforming_strings to off;",
            "SET SESSION standard_conforming_strings TO false;",
            "SET LOCAL standard_conforming_strings = 0;",
            "SET standard_conforming_strings = 'off';",
            "SET standard_conforming_strings = E'no';",
            "SET \"standard_conforming_strings\" = of;",
            "SET /* c */ standard_conforming_strings -- c\n = OFF ;",
        ]
    )
    func turnedOff(_ setting: String) {
        let sql = setting + #" SELECT 'it\'s; one' ;"#
        #expect(renderTokens(sql).hasSuffix(#"id(SELECT) str('it\'s; one') punct(;)"#), "\(renderTokens(sql))")
        #expect(statementTexts(sql).count == 2)
        #expect(Lexer(sql).stringSyntaxChanges() == [StringSyntaxChange(offset: Array(setting.utf8).count, standardConformingStrings: false)])
    }

    @Test(
        "statements that turn it on again, reset it or set the default",
        arguments: [
            "SET standard_conforming_strings = on;", "SET standard_conforming_strings TO true;",
            "SET standard_conforming_strings = 1;", "SET standard_conforming_strings = yes;",
            "RESET standard_conforming_strings;", "reset all;", "SET standard_conforming_strings TO DEFAULT;",
            "SET LOCAL standard_conforming_strings = 'on';",
        ]
    )
    func turnedOnAgain(_ setting: String) {
        let sql = #"SET standard_conforming_strings = off; SELECT 'a\'b'; "# + setting + #" SELECT 'C:\'; SELECT 2;"#
        #expect(statementTexts(sql) == [
            "SET standard_conforming_strings = off", #"SELECT 'a\'b'"#, setting.dropLast().description, #"SELECT 'C:\'"#, "SELECT 2",
        ])
        #expect(Lexer(sql).stringSyntaxChanges().map(\.standardConformingStrings) == [false, true])
    }

    @Test(
        "statements that do not change it",
        arguments: [
            "SET standard_conforming_strings = maybe;", "SET standard_conforming_strings = o;",
            "SET standard_conforming_strings = off, on;", "SET search_path = off;", "SELECT 'SET standard_conforming_strings = off;';",
            "DO $$ BEGIN SET standard_conforming_strings = off; END $$;", "-- SET standard_conforming_strings = off;\n",
            "SHOW standard_conforming_strings;", "SET standard_conforming_strings;",
        ]
    )
    func unchanged(_ statement: String) {
        let sql = statement + #" SELECT 'C:\'; SELECT 2;"#
        #expect(statementTexts(sql).suffix(2) == [#"SELECT 'C:\'"#, "SELECT 2"])
        #expect(Lexer(sql).stringSyntaxChanges().isEmpty)
    }

    @Test func escapeStringsAndBitStringsDoNotFollowIt() {
        let sql = #"SET standard_conforming_strings = off; SELECT E'\'', B'1\', N'a\'b', 'x';"#
        #expect(renderTokens(sql).hasSuffix(#"str(E'\'') punct(,) str(B'1\') punct(,) str(N'a\'b') punct(,) str('x') punct(;)"#), "\(renderTokens(sql))")
    }

    @Test func aFinalStatementWithoutSemicolonCounts() {
        let sql = "SELECT 1; SET standard_conforming_strings = off"
        #expect(Lexer(sql).stringSyntaxChanges() == [StringSyntaxChange(offset: Array(sql.utf8).count, standardConformingStrings: false)])
        #expect(!StatementSplitter.split(sql).standardConformingStringsAtEnd)
        #expect(StatementSplitter.split("SELECT 1").standardConformingStringsAtEnd)
    }

    @Test func anUnterminatedStringSaysWhy() {
        let (_, diagnostics) = Lexer(#"SET standard_conforming_strings = off; SELECT 'C:\';"#).tokens()
        #expect(diagnostics.map(\.code) == [.unterminatedString])
        #expect(diagnostics.first?.hint?.contains("standard_conforming_strings is off") == true)
    }

    @Test func theUpPartCarriesItTheDownPartStartsOver() throws {
        let script = MigrationScript.parse(#"""
            -- strata:up
            SET standard_conforming_strings = off;
            INSERT INTO t VALUES ('it\'s');
            -- strata:down
            DELETE FROM t WHERE v = 'C:\';
            """#)
        #expect(script.isValid, "\(script.diagnostics)")
        #expect(script.up.map(\.text) == ["SET standard_conforming_strings = off", #"INSERT INTO t VALUES ('it\'s')"#])
        #expect(script.down?.map(\.text) == [#"DELETE FROM t WHERE v = 'C:\'"#])
        #expect(!script.standardConformingStringsAfterUp)
        #expect(script.standardConformingStringsAfterDown)
    }

    @Test func aPartThatTurnsItBackOnNeedsNoRestore() {
        let script = MigrationScript.parse(#"""
            -- strata:up
            SET standard_conforming_strings = off;
            SELECT 'a\'b';
            RESET standard_conforming_strings;
            -- strata:down
            SET standard_conforming_strings = off;
            SELECT 'c\'d';
            """#)
        #expect(script.isValid, "\(script.diagnostics)")
        #expect(script.standardConformingStringsAfterUp)
        #expect(!script.standardConformingStringsAfterDown)
        #expect(script.down?.last?.text == #"SELECT 'c\'d'"#)
    }
}
