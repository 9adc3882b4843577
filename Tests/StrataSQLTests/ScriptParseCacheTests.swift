import Testing
@testable import StrataSQL

/// The parse cache `strata up` shares between running and linting the same files.
@Suite struct ScriptParseCacheTests {
    @Test func aCachedParseIsTheParse() {
        let text = "-- strata:up\nCREATE TABLE a (x int);\nSET standard_conforming_strings = off;\nSELECT 'a\\'b';\n-- strata:down\nDROP TABLE a;\n"
        let cache = ScriptParseCache()
        let direct = MigrationScript.parseWithTokens(text)
        for _ in 0..<2 {
            let cached = cache.parse(text)
            #expect(cached.script == direct.script)
            #expect(cached.tokens == direct.tokens)
            #expect(cached.bytes == direct.bytes)
        }
    }

    @Test func parsingManyTextsKeepsTheirOrder() {
        let texts = (0..<300).map { "-- strata:up\nCREATE TABLE t\($0) ();\nCREATE INDEX ON t\($0) ((1));\n" }
        let parses = ScriptParseCache().parseAll(texts)
        #expect(parses.count == texts.count)
        for (index, parse) in parses.enumerated() {
            #expect(parse.script.up.map(\.text) == ["CREATE TABLE t\(index) ()", "CREATE INDEX ON t\(index) ((1))"])
        }
        // Few items are mapped in place; many are split over the cores; both keep the order.
        #expect(ScriptParseCache.concurrentMap([3, 1, 2]) { $0 * 2 } == [6, 2, 4])
        #expect(ScriptParseCache.concurrentMap(Array(0..<1000)) { $0 + 1 } == Array(1...1000))
    }
}
