import Foundation

/// Reads durations written like PostgreSQL settings: `500ms`, `10s`, `2min`, `1h`, or
/// a bare number of milliseconds; `0` means "no limit" where that applies.
enum DurationParser {
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: { $0.isNumber || $0 == "." })
        guard !digits.isEmpty, let value = Double(digits), value >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let milliseconds: Double
        switch unit {
        case "", "ms": milliseconds = value
        case "s", "sec", "second", "seconds": milliseconds = value * 1000
        case "m", "min", "minute", "minutes": milliseconds = value * 60_000
        case "h", "hour", "hours": milliseconds = value * 3_600_000
        default: return nil
        }
        return .milliseconds(Int64(milliseconds.rounded()))
    }
}
