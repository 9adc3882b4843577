/// A migration's version: the leading digits of its file name, compared as a number.
///
/// `0001` and `1` are the same version (and therefore duplicates in one directory);
/// the original spelling is kept for display and for the history table.
public struct MigrationVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The digits as written, e.g. `20240101120000` or `0001`.
    public let text: String

    /// The digits' bytes without leading zeros ("0" for all zeros); equality and order
    /// use this (bytes, not characters: versions are ASCII digits).
    private var normalized: Substring.UTF8View {
        let trimmed = text.utf8.drop(while: { $0 == UInt8(ascii: "0") })
        return trimmed.isEmpty ? Substring("0").utf8 : trimmed
    }

    /// Creates a version from digits; nil when `text` is empty or holds a non-digit.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        self.text = text
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized.elementsEqual(rhs.normalized) }

    public func hash(into hasher: inout Hasher) {
        for byte in normalized { hasher.combine(byte) }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let left = lhs.normalized, right = rhs.normalized
        if left.count != right.count { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = MigrationVersion(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a version is a string of digits, got \"\(text)\"")
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
