import Foundation
@testable import StrataPostgres
import Testing

/// The reader of the JSON that catalog queries aggregate, judged against Foundation's
/// decoder and against what PostgreSQL itself writes.
@Suite("Catalog JSON")
struct CatalogJSONTests {
    private func ours<T: CatalogJSONValue>(_ type: T.Type, _ text: String) throws -> T {
        try CatalogJSONReader.decode(type, from: text)
    }

    private func foundation<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test func readsTheShapesTheQueriesUse() throws {
        #expect(try ours([String].self, #"["id", "email"]"#) == ["id", "email"])
        #expect(try ours([String].self, "[]") == [])
        #expect(try ours([String?].self, #"[null, "x", null]"#) == [nil, "x", nil])
        #expect(try ours([[String]].self, #"[["public", "t"],["s", "u"]]"#) == [["public", "t"], ["s", "u"]])
        #expect(try ours([[String?]].self, " [ [\"a\" , null ] ,\n[] ] ") == [["a", nil], []])
    }

    @Test(arguments: [
        #"["say \"hi\"", "back\\slash", "a\/b"]"#,
        #"["\b\f\n\r\t"]"#,
        #"["\u00e9t\u00E9", "\u0000", "\u001f"]"#,
        #"["\ud83d\ude00 smile", "日本語 Ωmega"]"#,
        #"["semi;colon", "comma,", "bracket]"]"#,
    ])
    func unescapesLikeFoundation(_ text: String) throws {
        #expect(try ours([String].self, text) == foundation([String].self, text))
    }

    @Test func roundTripsRandomStrings() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0001}", "é", "日", "😀", "'", ";", "]"]
        for _ in 0..<300 {
            let values = (0..<Int.random(in: 0...6, using: &generator)).map { _ -> String? in
                if Int.random(in: 0..<5, using: &generator) == 0 { return nil }
                return String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let text = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
            #expect(try ours([String?].self, text) == values, "\(text)")
        }
    }

    @Test(arguments: [
        ("[1]", "a string or null"),
        (#"["a""#, "more JSON"),
        (#"["a" "b"]"#, "\",\" or \"]\""),
        (#"["a"] x"#, "the end of the text"),
        (#"["unterminated]"#, "the end of the string"),
        (#"["bad \q escape"]"#, "an escape character"),
        (#"["\u12"]"#, "four hex digits"),
        (#"["\ud83d alone"]"#, "the second half of a surrogate pair"),
        ("", "more JSON"),
        ("nul", "\"[\""),
    ])
    func rejectsWhatIsNotTheExpectedShape(_ text: String, _ expected: String) {
        let failure = #expect(throws: CatalogJSONReader.Failure.self) { _ = try ours([String?].self, text) }
        #expect(failure?.expected == expected)
    }

    @Test func nullWhereAStringMustBe() {
        #expect(throws: CatalogJSONReader.Failure.self) { _ = try ours([String].self, "[null]") }
    }

    @Test func readsWhatPostgreSQLWrites() async throws {
        let values = ["plain", "with \"quotes\"", "back\\slash", "tab\there", "new\nline", "ctl\u{1}", "é日😀", ""]
        let rows = try await Inspection.withSession { session in
            try await session.query("SELECT json_agg(v ORDER BY n)::text FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n)", [
                "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}",
            ])
        }
        let text = try #require(rows.first?[0])
        #expect(try ours([String].self, text) == values)
    }
}
