import StrataSQL
import Testing

@Suite("Spans and positions")
struct SourcePositionTests {
    @Test("spans of statements on several lines")
    func spans() {
        let result = StatementSplitter.split("SELECT 1;\n  SELECT\n    2;")
        #expect(result.statements.map(\.span) == [
            SourceSpan(start: pos(1, 1, 0), end: pos(1, 9, 8)),
            SourceSpan(start: pos(2, 3, 12), end: pos(3, 6, 24)),
        ])
    }

    @Test("CRLF is one line break, and a lone CR is one too")
    func lineBreaks() {
        let crlf = StatementSplitter.split("SELECT 1;\r\nSELECT 2;\r\n\r\nSELECT 3")
        #expect(crlf.statements.map(\.span.start) == [pos(1, 1, 0), pos(2, 1, 11), pos(4, 1, 24)])
        #expect(crlf.statements.last?.span.end == pos(4, 9, 32))

        let cr = StatementSplitter.split("SELECT 1;\rSELECT 2;\n\rSELECT 3")
        #expect(cr.statements.map(\.span.start) == [pos(1, 1, 0), pos(2, 1, 10), pos(4, 1, 21)])
    }

    @Test("columns count Unicode scalars; offsets count bytes")
    func columns() {
        let sql = "SELECT 'é';SELECT '日本'; SELECT 😀"
        let statements = StatementSplitter.split(sql).statements
        #expect(statements.map(\.span.start) == [pos(1, 1, 0), pos(1, 12, 12), pos(1, 25, 29)])
        #expect(statements.map(\.span.end) == [pos(1, 11, 11), pos(1, 23, 27), pos(1, 33, 40)])
        for statement in statements {
            #expect(slice(sql, statement.span.byteRange) == statement.text)
        }
    }

    @Test("sourcePosition(forCharacterPosition:) on a multi-line statement with non-ASCII text")
    func characterPositions() throws {
        let sql = "-- header\nCREATE TABLE café (\n  naïve text,\n  bad intt\n);"
        let statement = try #require(StatementSplitter.split(sql).statements.first)
        #expect(statement.span.start == pos(2, 1, 10))
        // The server counts characters into the statement text: "intt" is the 41st.
        let characters = Array(statement.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(characters[40..<44])) == "intt")
        let position = statement.sourcePosition(forCharacterPosition: 41)
        #expect(position == pos(4, 7, 52))
        #expect(slice(sql, position.offset..<(position.offset + 4)) == "intt")

        // "naïve" starts at character 23: the character after ï is one column further.
        #expect(statement.sourcePosition(forCharacterPosition: 23) == pos(3, 3, 33))
        #expect(statement.sourcePosition(forCharacterPosition: 25) == pos(3, 5, 35))
        #expect(statement.sourcePosition(forCharacterPosition: 26) == pos(3, 6, 37))
    }

    @Test("character positions at the edges")
    func characterPositionEdges() throws {
        let sql = "\n  SELECT\r\n  x"
        let statement = try #require(StatementSplitter.split(sql).statements.first)
        #expect(statement.sourcePosition(forCharacterPosition: 1) == statement.span.start)
        #expect(statement.sourcePosition(forCharacterPosition: 0) == statement.span.start)
        #expect(statement.sourcePosition(forCharacterPosition: -7) == statement.span.start)
        // S E L E C T \r \n ␠ ␠ x: x is the 11th character.
        #expect(statement.sourcePosition(forCharacterPosition: 11) == pos(3, 3, 13))
        #expect(statement.sourcePosition(forCharacterPosition: 12) == statement.span.end)
        #expect(statement.sourcePosition(forCharacterPosition: 1_000) == statement.span.end)
        #expect(statement.span.end == pos(3, 4, 14))
    }

    @Test("every character position maps to the reference position of that character")
    func allCharacterPositions() {
        let sql = "SELECT 'ä',\r\n  \"日本\"\r\t😀 FROM t;\nSELECT\n1"
        let reference = referencePositions(sql)
        for statement in StatementSplitter.split(sql).statements {
            var offset = statement.span.start.offset
            for (index, scalar) in statement.text.unicodeScalars.enumerated() {
                #expect(statement.sourcePosition(forCharacterPosition: index + 1) == reference[offset])
                offset += String(scalar).utf8.count
            }
        }
    }

    @Test("positions order by offset and print as line:column")
    func ordering() {
        #expect(pos(1, 5, 4) < pos(2, 1, 10))
        #expect(SourcePosition.start == pos(1, 1, 0))
        #expect(pos(3, 7, 52).description == "3:7")
        #expect(SourceSpan(start: pos(1, 1, 0), end: pos(1, 9, 8)).description == "1:1-1:9")
    }
}
