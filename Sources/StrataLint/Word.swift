import StrataSQL

/// A significant token of a statement, with what the parser needs ready: the keyword
/// (upper-cased unquoted word), the folded name, or the value of a string literal.
struct Word: Sendable {
    let kind: TokenKind
    /// The upper-cased word for an unquoted identifier; the text of punctuation and operators;
    /// empty otherwise.
    let keyword: String
    /// An identifier as PostgreSQL folds it (lower-cased unless quoted), a string literal's value,
    /// or the token's text.
    let name: String
    let position: SourcePosition
    /// Byte offsets in the file.
    let range: Range<Int>

    var isName: Bool { kind == .identifier || kind == .quotedIdentifier }

    init(token: Token, bytes: [UInt8]) {
        kind = token.kind
        position = token.start
        range = token.range
        let slice = bytes[token.range]
        switch token.kind {
        case .identifier:
            // ASCII case folding, as PostgreSQL folds keywords and unquoted names.
            keyword = String(utf8: slice, mappingEach: \.asciiUppercased)
            name = String(utf8: slice, mappingEach: \.asciiLowercased)
        case .quotedIdentifier:
            keyword = ""
            name = Self.unquote(String(decoding: slice, as: UTF8.self), quote: "\"")
        case .string:
            keyword = ""
            name = Self.stringValue(String(decoding: slice, as: UTF8.self))
        case .punctuation, .operator:
            keyword = String(decoding: slice, as: UTF8.self)
            name = keyword
        default:
            keyword = ""
            name = String(decoding: slice, as: UTF8.self)
        }
    }

    /// The text between the quotes, a doubled quote read as one.
    private static func unquote(_ text: String, quote: Character) -> String {
        var body = Substring(text)
        if body.hasPrefix("U&") || body.hasPrefix("u&") { body = body.dropFirst(2) }
        guard body.first == quote else { return String(body) }
        body = body.dropFirst()
        if body.last == quote { body = body.dropLast() }
        let quoteByte = quote.asciiValue ?? 0
        guard body.utf8.contains(quoteByte) else { return String(body) }
        var result = ""
        var previousWasQuote = false
        for character in body {
            if character == quote && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == quote
            result.append(character)
        }
        return result
    }

    private static func stringValue(_ text: String) -> String {
        var body = Substring(text)
        if let first = body.first, first != "'" { body = body.drop { $0 != "'" } }
        return unquote(String(body), quote: "'")
    }
}
