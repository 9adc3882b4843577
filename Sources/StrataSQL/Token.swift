/// One lexical token of a source text.
///
/// The tokens of a text cover it completely and in order: each token's `range` starts where the
/// previous one ended, and the last ends at the end of the text.
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public var kind: TokenKind
    /// The UTF-8 byte offsets of the token in the lexed text.
    public var range: Range<Int>
    /// The position of the token's first byte.
    public var start: SourcePosition

    /// Creates a token; nothing is checked.
    public init(kind: TokenKind, range: Range<Int>, start: SourcePosition) {
        self.kind = kind
        self.range = range
        self.start = start
    }

    /// The token's text within `source`, the text it was lexed from.
    ///
    /// Offsets past the end of `source` are clamped, so a token from another text yields a
    /// shorter string rather than a crash.
    public func text(in source: String) -> String {
        let utf8 = source.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: max(0, range.lowerBound), limitedBy: utf8.endIndex) ?? utf8.endIndex
        let upper = utf8.index(lower, offsetBy: max(0, range.upperBound - max(0, range.lowerBound)), limitedBy: utf8.endIndex) ?? utf8.endIndex
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
