/// A migration's version: the leading digits of its file name, compared as a number.
///
/// `0001` and `1` are the same version (and therefore duplicates in one directory);
/// the original spelling is kept for display and for the history table.
public struct MigrationVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The digits as written, e.g. `20240101120000` or `0001`.
    public let text: String

    /// The digits without leading zeros ("0" for all zeros); equality and order use
    /// this, comparing the lengths first (versions are ASCII digits, so the same length
    /// compares as bytes).
    private let significant: String

    /// Creates a version from digits; nil when `text` is empty or holds a non-digit.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        self.text = text
        let zeros = text.utf8.prefix(while: { $0 == UInt8(ascii: "0") }).count
        self.significant = zeros == text.utf8.count ? "0" : String(text.dropFirst(zeros))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.significant == rhs.significant }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(significant)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let left = lhs.significant.utf8.count, right = rhs.significant.utf8.count
        if left != right { return left < right }
        return lhs.significant < rhs.significant
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

extension Array {
    /// The elements in order of `version`, stably; an array already in order (what a
    /// folder sorted by name and the history table give) is returned as is, with no sort.
    func sortedByVersion(_ version: (Element) -> MigrationVersion) -> [Element] {
        guard indices.dropFirst().contains(where: { version(self[$0]) < version(self[$0 - 1]) }) else { return self }
        return sorted { version($0) < version($1) }
    }
}
