/// A Flyway version: numbers separated by `.` or `_` (`1`, `1.1`, `2_3` = `2.3`,
/// `2024.01.15.1`), compared number by number, a missing number counting as 0 (so `1`
/// and `1.0` are the same version).
///
/// Strata's versions are digits, so a folder whose versions are not all plain numbers is
/// mapped, keeping order and uniqueness: every part is zero-padded to the widest part at
/// its position in the folder, missing parts count as 0, and the parts are concatenated.
/// `1`, `1.1`, `1.2.3` and `10.2` become `0100`, `0110`, `0123` and `1020`. When every
/// version is one plain number, the digits stay as they are.
public struct FlywayVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numbers without leading zeros (`0` for zero); never empty.
    public let parts: [String]
    /// The version as written in the file name.
    public let text: String

    /// Parses `1.1`, `2_3` or `007`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "_" }
        guard !parts.isEmpty, parts.allSatisfy({ VersionText.isDigits($0) }) else { return nil }
        self.parts = parts.map { VersionText.number($0) }
        self.text = text
    }

    /// Dotted, without trailing zero parts (`1.0` → `1`): how two spellings of one
    /// version are told equal, and how applied versions are matched with files.
    public var canonical: String {
        var trimmed = parts
        while trimmed.count > 1, trimmed.last == "0" { trimmed.removeLast() }
        return trimmed.joined(separator: ".")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.canonical == rhs.canonical }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let left = index < lhs.parts.count ? lhs.parts[index] : "0"
            let right = index < rhs.parts.count ? rhs.parts[index] : "0"
            if left != right { return VersionOrder.numeric(left, right) }
        }
        return false
    }

    public var description: String { text }

    /// The digits each version of `versions` becomes (see the type's description).
    public static func digits(for versions: [FlywayVersion]) -> [FlywayVersion: String] {
        guard versions.contains(where: { $0.parts.count > 1 }) else {
            return Dictionary(versions.map { ($0, $0.text) }, uniquingKeysWith: { first, _ in first })
        }
        let count = versions.map(\.parts.count).max() ?? 1
        var widths = Array(repeating: 1, count: count)
        for version in versions {
            for (index, part) in version.parts.enumerated() { widths[index] = max(widths[index], part.count) }
        }
        var result: [FlywayVersion: String] = [:]
        for version in versions where result[version] == nil {
            var digits = ""
            for index in 0..<count {
                let part = index < version.parts.count ? version.parts[index] : "0"
                digits += String(repeating: "0", count: widths[index] - part.count) + part
            }
            result[version] = digits
        }
        return result
    }
}
