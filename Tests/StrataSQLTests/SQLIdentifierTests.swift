import StrataSQL
import Testing

@Suite("Identifier and literal quoting")
struct SQLIdentifierTests {
    @Test(
        "quoteIfNeeded",
        arguments: [
            ("users", "users"),
            ("user", "\"user\""),
            ("order", "\"order\""),
            ("select", "\"select\""),
            ("table", "\"table\""),
            ("Users", "\"Users\""),
            ("a\"b", "\"a\"\"b\""),
            ("_private", "_private"),
            ("a$1", "a$1"),
            ("1abc", "\"1abc\""),
            ("$a", "\"$a\""),
            ("with space", "\"with space\""),
            ("café", "\"café\""),
            ("", "\"\""),
            ("name", "name"),
            ("data", "data"),
            ("between", "\"between\""),
            ("json_table", "\"json_table\""),
            ("verbose", "\"verbose\""),
            ("concurrently", "\"concurrently\""),
            ("system_user", "\"system_user\""),
        ] as [(String, String)]
    )
    func quoteIfNeeded(_ name: String, _ expected: String) {
        #expect(SQLIdentifier.quoteIfNeeded(name) == expected)
        #expect(SQLIdentifier.requiresQuoting(name) == (expected != name))
    }

    @Test("quote always quotes and doubles embedded quotes")
    func quote() {
        #expect(SQLIdentifier.quote("users") == "\"users\"")
        #expect(SQLIdentifier.quote("Users") == "\"Users\"")
        #expect(SQLIdentifier.quote("a\"b") == "\"a\"\"b\"")
        #expect(SQLIdentifier.quote("\"\"") == "\"\"\"\"\"\"")
        #expect(SQLIdentifier.quote("日本") == "\"日本\"")
    }

    @Test("qualified names")
    func qualified() {
        #expect(SQLIdentifier.qualified(nil, "users") == "users")
        #expect(SQLIdentifier.qualified("public", "users") == "public.users")
        #expect(SQLIdentifier.qualified("public", "user") == "public.\"user\"")
        #expect(SQLIdentifier.qualified("My Schema", "T") == "\"My Schema\".\"T\"")
    }

    @Test("string literals")
    func literals() {
        #expect(SQLLiteral.quote("it's") == "'it''s'")
        #expect(SQLLiteral.quote(#"C:\path\'x"#) == #"'C:\path\''x'"#)
        #expect(SQLLiteral.quote("") == "''")
        #expect(SQLLiteral.quote("ünï;") == "'ünï;'")
        // Escape strings double backslashes too, and pass a value without either through.
        #expect(SQLLiteral.escapeString("it's") == "E'it''s'")
        #expect(SQLLiteral.escapeString(#"C:\path\'x"#) == #"E'C:\\path\\''x'"#)
        #expect(SQLLiteral.escapeString("ünï;") == "E'ünï;'")
        #expect(SQLLiteral.escapeString("") == "E''")
    }

    @Test("keyword categories follow PostgreSQL 17's kwlist.h")
    func keywordCategories() {
        #expect(SQLKeywordCategory.of("SELECT") == .reserved)
        #expect(SQLKeywordCategory.of("user") == .reserved)
        #expect(SQLKeywordCategory.of("between") == .columnName)
        #expect(SQLKeywordCategory.of("merge_action") == .columnName)
        #expect(SQLKeywordCategory.of("Like") == .typeFunctionName)
        #expect(SQLKeywordCategory.of("name") == nil)
        #expect(SQLKeywordCategory.of("users") == nil)
        #expect(SQLKeywordCategory.reserved.words.count == 78)
        #expect(SQLKeywordCategory.columnName.words.count == 63)
        #expect(SQLKeywordCategory.typeFunctionName.words.count == 23)
    }
}
