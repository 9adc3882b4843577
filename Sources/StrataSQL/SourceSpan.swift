/// A range of source text: from `start` up to, not including, `end`.
public struct SourceSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The position of the first byte in the span.
    public var start: SourcePosition
    /// The position just after the last byte in the span (exclusive).
    public var end: SourcePosition

    /// Creates a span; nothing is checked.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The UTF-8 byte offsets covered, for slicing the text the span was made from.
    public var byteRange: Range<Int> { start.offset..<max(start.offset, end.offset) }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
