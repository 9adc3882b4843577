/// A place in a source text.
///
/// `line` and `column` are 1-based and meant for people: the column counts Unicode scalars,
/// because PostgreSQL's error `position` counts characters, not bytes. `offset` is the 0-based
/// UTF-8 byte offset from the start of the text, meant for slicing.
///
/// Line breaks are `\n`, `\r\n` (one break) and a lone `\r`.
///
/// Positions order by `offset`; two positions in the same text with equal offsets are equal.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int
    /// 0-based UTF-8 byte offset from the start of the text.
    public var offset: Int

    /// Creates a position from its parts; nothing is checked.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The position of the first byte of any text: line 1, column 1, offset 0.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    /// Orders by byte offset (then line and column, for positions from different texts).
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.offset, lhs.line, lhs.column) < (rhs.offset, rhs.line, rhs.column)
    }

    /// `line:column`, the form editors and compilers use.
    public var description: String { "\(line):\(column)" }
}

extension SourcePosition {
    /// The position after `bytes[offset]`, given the position of that byte.
    ///
    /// Implements the line rule once for the whole module: `\n` ends a line, `\r` ends a line
    /// unless a `\n` follows (then the pair is one break), and every byte that starts a Unicode
    /// scalar (anything but a UTF-8 continuation byte) advances the column by one.
    public mutating func advance(over byte: UInt8, next: UInt8?) {
        offset += 1
        switch byte {
        case UInt8(ascii: "\n"):
            line += 1
            column = 1
        case UInt8(ascii: "\r") where next != UInt8(ascii: "\n"):
            line += 1
            column = 1
        default:
            if byte & 0xC0 != 0x80 { column += 1 }
        }
    }

    /// Advances over `bytes[offset..<end]`, where `self.offset` indexes into `bytes`.
    mutating func advance(in bytes: [UInt8], to end: Int) {
        while offset < end {
            let next = offset + 1 < bytes.count ? bytes[offset + 1] : nil
            advance(over: bytes[offset], next: next)
        }
    }
}
