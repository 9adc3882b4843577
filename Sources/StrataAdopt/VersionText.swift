/// Helpers for versions written as digits.
enum VersionText {
    /// Whether `text` is one or more ASCII digits.
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The digits without leading zeros (`0` for all zeros): how tools that store an
    /// integer version (goose, golang-migrate, sqlx) record it.
    static func number(_ digits: some StringProtocol) -> String {
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// Whether the digits fit a signed 64-bit integer (goose's and sqlx's version type).
    static func fitsInt64(_ digits: some StringProtocol) -> Bool {
        let number = number(digits)
        let limit = String(Int64.max)
        return number.count < limit.count || (number.count == limit.count && number <= limit)
    }

    /// The leading digits of `text`.
    static func leadingDigits(_ text: String) -> Substring {
        text.prefix { $0.isASCII && $0.isNumber }
    }
}
