import Foundation
import StrataSQL

/// A compact, golden-style rendering of a text's tokens: `kind(text)` for every token but
/// whitespace, separated by single spaces.
func renderTokens(_ sql: String) -> String {
    let (tokens, _) = Lexer(sql).tokens()
    return tokens.filter { $0.kind != .whitespace }
        .map { "\(label($0.kind))(\($0.text(in: sql)))" }
        .joined(separator: " ")
}

func label(_ kind: TokenKind) -> String {
    switch kind {
    case .whitespace: "ws"
    case .lineComment: "line"
    case .blockComment: "block"
    case .identifier: "id"
    case .quotedIdentifier: "qid"
    case .string: "str"
    case .dollarString: "dollar"
    case .number: "num"
    case .parameter: "param"
    case .operator: "op"
    case .punctuation: "punct"
    case .metaCommand: "meta"
    }
}

/// The statements' texts.
func statementTexts(_ sql: String) -> [String] {
    StatementSplitter.split(sql).statements.map(\.text)
}

/// The input's bytes in `range`, as a string.
func slice(_ text: String, _ range: Range<Int>) -> String {
    String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

/// An independent reference for positions: the position of every Unicode scalar's first byte
/// (and of the end of the text), computed over scalars rather than bytes.
func referencePositions(_ text: String) -> [Int: SourcePosition] {
    var positions: [Int: SourcePosition] = [:]
    var line = 1
    var column = 1
    var offset = 0
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
        positions[offset] = SourcePosition(line: line, column: column, offset: offset)
        offset += String(scalar).utf8.count
        let next = index + 1 < scalars.count ? scalars[index + 1] : nil
        if scalar == "\n" || (scalar == "\r" && next != "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }
    positions[offset] = SourcePosition(line: line, column: column, offset: offset)
    return positions
}

/// `SourcePosition(line:column:offset:)`, shorter.
func pos(_ line: Int, _ column: Int, _ offset: Int) -> SourcePosition {
    SourcePosition(line: line, column: column, offset: offset)
}


/// JSON round trips for Codable checks.
enum JSONEncoderShim {
    static func encode(_ value: some Encodable) throws -> Data {
        try JSONEncoder().encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
