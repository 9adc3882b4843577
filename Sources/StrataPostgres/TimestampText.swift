/// The text Strata gives a `timestamptz` value read in PostgreSQL's binary format:
/// ISO 8601 in UTC with microseconds, `2024-01-02T03:04:05.123456Z`.
///
/// Formatting here rather than with `to_char` in SQL keeps the server's work to sending
/// eight bytes a value (`to_char` cost about a millisecond per thousand history rows) and
/// does not depend on the session's `DateStyle` or `TimeZone`.
enum TimestampText {
    /// Microseconds since 2000-01-01 00:00:00 UTC (PostgreSQL's epoch) as ISO 8601 text;
    /// `infinity` and `-infinity` as PostgreSQL writes them.
    static func iso8601(microsecondsSince2000 value: Int64) -> String {
        if value == .max { return "infinity" }
        if value == .min { return "-infinity" }
        let perDay: Int64 = 86_400_000_000
        var days = value / perDay
        var remainder = value % perDay
        if remainder < 0 {
            remainder += perDay
            days -= 1
        }
        let (year, month, day) = civil(daysSince1970: days + 10_957)
        let seconds = remainder / 1_000_000
        var out: [UInt8] = []
        out.reserveCapacity(28)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        append(abs(year), width: 4, to: &out)
        let fields: [(separator: UInt8, value: Int64, width: Int)] = [
            (UInt8(ascii: "-"), month, 2), (UInt8(ascii: "-"), day, 2), (UInt8(ascii: "T"), seconds / 3600, 2),
            (UInt8(ascii: ":"), seconds / 60 % 60, 2), (UInt8(ascii: ":"), seconds % 60, 2),
            (UInt8(ascii: "."), remainder % 1_000_000, 6),
        ]
        for field in fields {
            out.append(field.separator)
            append(field.value, width: field.width, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civil(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The decimal digits of a value that is not negative, zero-padded to `width`.
    private static func append(_ value: Int64, width: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(count, width)))
        var index = out.count - 1
        rest = value
        repeat {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        } while rest > 0 && index >= start
    }
}
