/// A text together with its tokens: what the splitter and the migration parser work on.
struct LexedText: Sendable {
    /// The text's UTF-8 bytes; token ranges index into them.
    let bytes: [UInt8]
    /// Tokens covering `bytes` contiguously.
    let tokens: [Token]
    /// Lexical problems, in order of position.
    let diagnostics: [SQLDiagnostic]
    /// The position just past the last byte.
    let endPosition: SourcePosition
    /// Where statements of the text changed `standard_conforming_strings`, in order.
    let stringSyntaxChanges: [StringSyntaxChange]

    /// Lexes `text`, starting with `standard_conforming_strings` on; with `restartOffset` (a
    /// token boundary), the setting starts over there as if the text began at that point.
    init(_ text: String, restartingAt restartOffset: Int? = nil) {
        let bytes = Array(text.utf8)
        var scanner = TokenScanner(bytes: bytes, restartingAt: restartOffset)
        endPosition = scanner.scanAll()
        self.bytes = bytes
        tokens = scanner.tokens
        diagnostics = scanner.diagnostics
        stringSyntaxChanges = scanner.stringSyntaxChanges
    }

    /// Whether `standard_conforming_strings` is on at `offset`.
    func standardConformingStrings(at offset: Int) -> Bool {
        stringSyntaxChanges.last { $0.offset <= offset }?.standardConformingStrings ?? true
    }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The text of the token at `index`.
    func text(ofToken index: Int) -> String {
        text(tokens[index].range)
    }

    /// The position just past the token at `index`.
    func position(after index: Int) -> SourcePosition {
        index + 1 < tokens.count ? tokens[index + 1].start : endPosition
    }

    /// The token at `index` upper-cased (ASCII only, as PostgreSQL folds keywords) when it is an
    /// unquoted identifier; `nil` otherwise.
    func keyword(at index: Int) -> String? {
        let token = tokens[index]
        guard token.kind == .identifier else { return nil }
        return String(utf8: bytes[token.range], mappingEach: \.asciiUppercased)
    }

    /// Whether the token at `index` is exactly the one-byte punctuation `character`.
    func isPunctuation(_ index: Int, _ character: UInt8) -> Bool {
        let token = tokens[index]
        return token.kind == .punctuation && token.range.count == 1 && bytes[token.range.lowerBound] == character
    }
}
