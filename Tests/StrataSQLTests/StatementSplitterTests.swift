import StrataSQL
import Testing

@Suite("StatementSplitter")
struct StatementSplitterTests {
    @Test(
        "statement texts",
        arguments: [
            ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
            ("SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
            (";; ;\n;", []),
            ("", []),
            ("  -- only a comment\n/* and another */ ", []),
            ("-- lead\n/* lead; */ SELECT 1 -- trail\n;", ["SELECT 1"]),
            ("SELECT /* c; */ 1 -- x;\n + 2;", ["SELECT /* c; */ 1 -- x;\n + 2"]),
            ("SELECT 'a;b', \"c;d\", $$e;f$$, $t$g;$$;$t$; SELECT 2", ["SELECT 'a;b', \"c;d\", $$e;f$$, $t$g;$$;$t$", "SELECT 2"]),
            (#"INSERT INTO t VALUES (E'it\'s \\ ;'); SELECT 2;"#, [#"INSERT INTO t VALUES (E'it\'s \\ ;')"#, "SELECT 2"]),
            (#"SELECT 'a\'; SELECT 2;"#, [#"SELECT 'a\'"#, "SELECT 2"]),
            ("SELECT U&'a;b' UESCAPE ';'; SELECT U&\"c;\"", ["SELECT U&'a;b' UESCAPE ';'", "SELECT U&\"c;\""]),
            ("/* a /* nested; */ still; */ SELECT 1;", ["SELECT 1"]),
            ("SELECT $1; SELECT a$b; SELECT 2", ["SELECT $1", "SELECT a$b", "SELECT 2"]),
            ("CREATE TABLE café (naïve text DEFAULT 'ünïcødé;'); SELECT 'é';",
             ["CREATE TABLE café (naïve text DEFAULT 'ünïcødé;')", "SELECT 'é'"]),
            ("SELECT 1;\r\nSELECT 2;\r\n", ["SELECT 1", "SELECT 2"]),
            ("SELECT 1\n\n", ["SELECT 1"]),
        ] as [(String, [String])]
    )
    func texts(_ sql: String, _ expected: [String]) {
        #expect(statementTexts(sql) == expected)
    }

    @Test("nested dollar-quote tags: only the opening tag closes")
    func nestedDollarQuotes() {
        let sql = """
            DO $outer$
            BEGIN
              EXECUTE $$SELECT ';'$$;
              EXECUTE $inner$ SELECT $$;$$ $inner$;
            END
            $outer$;
            SELECT 2;
            """
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.count == 2)
        #expect(statements.first?.text.hasSuffix("END\n$outer$") == true)
        #expect(statements.last?.text == "SELECT 2")
    }

    @Test("CREATE FUNCTION … AS $$ … $$ bodies are plain dollar strings")
    func dollarBody() {
        let sql = """
            CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END;
            $$;
            CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
            """
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.count == 2)
        #expect(statements[0].text.hasSuffix("END;\n$$"))
        #expect(statements[1].leadingKeywords == ["CREATE", "TRIGGER", "T", "BEFORE"])
    }

    @Test("BEGIN ATOMIC bodies in functions, with CASE … END inside")
    func beginAtomicFunction() {
        let sql = """
            CREATE FUNCTION sign_of(x int) RETURNS int
            LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END;
              SELECT (CASE x WHEN 0 THEN 0 END);
            END;
            SELECT sign_of(3);
            """
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.map(\.leadingKeywords.first) == ["CREATE", "SELECT"])
        #expect(statements[0].text.hasPrefix("CREATE FUNCTION sign_of"))
        #expect(statements[0].text.hasSuffix("SELECT (CASE x WHEN 0 THEN 0 END);\nEND"))
        #expect(statements[0].kind == .ordinary)
        #expect(statements[1].text == "SELECT sign_of(3)")
    }

    @Test("BEGIN ATOMIC bodies in procedures, with CREATE OR REPLACE and comments")
    func beginAtomicProcedure() {
        let sql = """
            create or replace procedure insert_two(a int, b int)
            language sql
            begin /* the body */ atomic
              insert into t values (a);  -- first
              insert into t values (case when b is null then 0 else b end);
              insert into t select case b when 1 then 1 end;
            end;
            call insert_two(1, 2);
            """
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.count == 2)
        #expect(statements[0].leadingKeywords == ["CREATE", "OR", "REPLACE", "PROCEDURE"])
        #expect(statements[0].text.hasSuffix("when 1 then 1 end;\nend"))
        #expect(statements[1].text == "call insert_two(1, 2)")
    }

    @Test(
        "END outside a BEGIN ATOMIC body is not counted",
        arguments: [
            // CASE … END in a RETURN body, outside BEGIN ATOMIC.
            ("CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 ELSE 2 END; SELECT 1;", 2),
            // A routine named begin does not open a body.
            ("CREATE FUNCTION begin() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; SELECT 2;", 2),
            // Top-level BEGIN/END are statements of their own.
            ("BEGIN; SELECT 1; END;", 3),
            // BEGIN ATOMIC outside CREATE FUNCTION/PROCEDURE is not a body.
            ("SELECT begin, atomic FROM t; SELECT 2;", 2),
            // Nested bodies do not exist, but nested CASE levels do.
            ("CREATE PROCEDURE p() BEGIN ATOMIC SELECT CASE WHEN CASE WHEN true THEN true END THEN 1 END; END; SELECT 3;", 2),
        ] as [(String, Int)]
    )
    func atomicNegatives(_ sql: String, _ count: Int) {
        #expect(StatementSplitter.split(sql).statements.count == count)
    }

    @Test("a ; inside parentheses does not end a statement (CREATE RULE actions)")
    func semicolonInParentheses() {
        let sql = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 1;"
        #expect(statementTexts(sql) == [
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", "SELECT 1",
        ])
    }

    @Test("a psql meta-command ends the statement before it and stands alone")
    func metaCommands() {
        let sql = "SELECT 1;\n\\i other.sql\nSELECT 2\n\\gset\nSELECT 3;"
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.map(\.text) == ["SELECT 1", "\\i other.sql", "SELECT 2", "\\gset", "SELECT 3"])
        #expect(statements.map(\.kind) == [.ordinary, .metaCommand, .ordinary, .metaCommand, .ordinary])
        #expect(statements[1].leadingKeywords == [])
        #expect(statements[1].span == SourceSpan(start: pos(2, 1, 10), end: pos(2, 13, 22)))
    }

    @Test("leading keywords: the first four unquoted identifiers, upper-cased")
    func leadingKeywords() {
        let statements = StatementSplitter.split(
            "create unique index concurrently idx on t (a); select 1; \"Quoted\" x; drop table café"
        ).statements
        #expect(statements.map(\.leadingKeywords) == [
            ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY"], ["SELECT"], ["X"], ["DROP", "TABLE", "CAFé"],
        ])
    }

    @Test("pieces cover the input and every statement is one piece")
    func pieces() {
        let sql = "-- head\nSELECT 1;;  SELECT 'é' ; -- tail"
        let result = StatementSplitter.split(sql)
        #expect(result.pieces == [0..<8, 8..<16, 16..<20, 20..<31, 31..<41])
        #expect(sql.utf8.count == 41)
        #expect(result.pieces.map { slice(sql, $0) }.joined() == sql)
        for statement in result.statements {
            #expect(result.pieces.contains(statement.span.byteRange))
        }
        #expect(StatementSplitter.split("").pieces.isEmpty)
        #expect(StatementSplitter.split("  ").pieces == [0..<2])
        #expect(StatementSplitter.split("x").pieces == [0..<1])
    }
}
