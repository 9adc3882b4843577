import StrataSQL
import Testing

@Suite("MigrationScript: validation")
struct MigrationValidationTests {
    @Test("psql meta-commands are rejected")
    func metaCommands() throws {
        let script = MigrationScript.parse("-- strata:up\nCREATE TABLE a ();\n\\i other.sql\n")
        #expect(script.diagnostics.map(\.code) == [.metaCommand])
        let diagnostic = try #require(script.diagnostics.first)
        #expect(diagnostic.position == pos(3, 1, 32))
        #expect(diagnostic.message.contains("\\i"))
        #expect(diagnostic.hint == "psql meta-commands are not SQL; inline the file or write plain SQL")
        #expect(script.up.map(\.kind) == [.ordinary, .metaCommand])
    }

    @Test("meta-commands are rejected in no-transaction files too")
    func metaCommandsWithoutTransaction() {
        let script = MigrationScript.parse("-- strata:no-transaction\n-- strata:up\n\\set ON_ERROR_STOP on\n")
        #expect(script.diagnostics.map(\.code) == [.metaCommand])
    }

    @Test("transaction control in a transactional file")
    func transactionControl() throws {
        let sql = "-- strata:up\nBEGIN;\nCREATE TABLE a ();\nCOMMIT;\n-- strata:down\nROLLBACK;\n"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.map(\.code) == [.transactionControl, .transactionControl, .transactionControl])
        #expect(script.diagnostics.map(\.position) == [pos(2, 1, 13), pos(4, 1, 39), pos(6, 1, 62)])
        let diagnostic = try #require(script.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("BEGIN "))
        #expect(diagnostic.hint?.contains("Strata wraps each migration in a transaction") == true)
        #expect(diagnostic.hint?.contains("-- strata:no-transaction") == true)
    }

    @Test("transaction control is allowed in a no-transaction file")
    func transactionControlAllowed() {
        let sql = "-- strata:no-transaction\n-- strata:up\nBEGIN;\nCREATE TABLE a ();\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON a (id);"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.isEmpty)
        #expect(script.up.map(\.kind) == [.transactionControl, .ordinary, .transactionControl, .nonTransactional])
    }

    @Test("ROLLBACK TO SAVEPOINT is fine in a transactional file")
    func savepoints() {
        let script = MigrationScript.parse("SAVEPOINT a;\nINSERT INTO t VALUES (1);\nROLLBACK TO SAVEPOINT a;\nRELEASE SAVEPOINT a;")
        #expect(script.diagnostics.isEmpty)
    }

    @Test("statements that cannot run in a transaction block, in a transactional file")
    func notAllowedInTransaction() throws {
        let sql = "-- strata:up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n-- strata:down\nVACUUM users;\n"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.map(\.code) == [.notAllowedInTransaction, .notAllowedInTransaction])
        #expect(script.diagnostics.map(\.position) == [pos(2, 1, 13), pos(4, 1, 88)])
        let index = try #require(script.diagnostics.first)
        #expect(index.message == "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and this migration runs in one")
        #expect(index.hint == "add -- strata:no-transaction before -- strata:up, or remove CONCURRENTLY")
        #expect(script.diagnostics.last?.hint == "add -- strata:no-transaction before -- strata:up")
    }

    @Test("COPY FROM STDIN is rejected in any file")
    func copyFromStdin() throws {
        let cases = [
            ("COPY t FROM STDIN;\n", pos(1, 1, 0)),
            ("-- strata:no-transaction\n\n  copy t (a) from stdin;\n", pos(3, 3, 28)),
        ]
        for (sql, position) in cases {
            let script = MigrationScript.parse(sql)
            #expect(script.diagnostics.map(\.code) == [.copyFromStdin])
            #expect(script.diagnostics.first?.position == position)
            #expect(script.diagnostics.first?.hint?.contains("INSERT") == true)
        }
    }

    @Test("lexer errors and validation problems come together, in order of position")
    func combined() {
        let sql = "-- strata:up\nVACUUM;\n-- strata:bogus\nSELECT 'oops;\n"
        let script = MigrationScript.parse(sql)
        #expect(script.diagnostics.map(\.code) == [.notAllowedInTransaction, .unknownDirective, .unterminatedString])
        #expect(script.diagnostics.map(\.position.line) == [2, 3, 4])
    }

    @Test("positions are in the whole file, after the header")
    func positionsInFile() throws {
        let sql = "-- A header\n-- with two lines\n-- strata:up\n\n  CREATE TABLE café (\n    naïve intt\n  );\n"
        let script = MigrationScript.parse(sql)
        let statement = try #require(script.up.first)
        #expect(statement.span.start == pos(5, 3, 46))
        // The server would report "intt" at character 31 of the statement text.
        #expect(statement.sourcePosition(forCharacterPosition: 31) == pos(6, 11, 78))
    }

    @Test("every code has a stable string")
    func codes() throws {
        let codes: [SQLDiagnostic.Code] = [
            .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedBlockComment, .unterminatedDollarQuote,
            .metaCommand, .transactionControl, .notAllowedInTransaction, .copyFromStdin, .unknownDirective,
            .misplacedDirective, .duplicateDirective, .missingUpDirective, .statementInHeader,
        ]
        #expect(codes.map(\.description) == [
            "unterminated-string", "unterminated-quoted-identifier", "unterminated-block-comment",
            "unterminated-dollar-quote", "meta-command", "transaction-control", "not-allowed-in-transaction",
            "copy-from-stdin", "unknown-directive", "misplaced-directive", "duplicate-directive",
            "missing-up-directive", "statement-in-header",
        ])
        let diagnostic = SQLDiagnostic(code: .copyFromStdin, message: "m", hint: "h", position: pos(2, 3, 9))
        let data = try JSONEncoderShim.encode(diagnostic)
        #expect(try JSONEncoderShim.decode(SQLDiagnostic.self, from: data) == diagnostic)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"code\":\"copy-from-stdin\""))
    }
}

@Suite("MigrationScript: encoding")
struct MigrationEncodingTests {
    @Test("a parsed script round-trips through JSON")
    func roundTrip() throws {
        let script = MigrationScript.parse("-- strata:up\nCREATE TABLE a ();\n-- strata:down\nDROP TABLE a;\n\\i x\n")
        let data = try JSONEncoderShim.encode(script)
        #expect(try JSONEncoderShim.decode(MigrationScript.self, from: data) == script)
    }
}
