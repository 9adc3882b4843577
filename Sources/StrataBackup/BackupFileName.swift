import Foundation

/// The names of the archives Strata writes into the backup folder:
/// `<environment>-<database>-<YYYYMMDD>T<HHMMSS>Z.dump` (UTC), e.g.
/// `prod-app-20250131T120000Z.dump`, with `-2`, `-3`, … before `.dump` when a name is
/// taken. Pure: the time is given.
public struct BackupFileName: Sendable, Hashable, Comparable {
    /// `<environment>-<database>-`, with every character other than letters, digits, `_`
    /// and `.` written as `_`.
    public var prefix: String
    /// `20250131T120000Z`.
    public var timestamp: String
    /// 1 for the first archive of that second, 2 for the next, ….
    public var sequence: Int

    /// The file name.
    public var text: String {
        prefix + timestamp + (sequence > 1 ? "-\(sequence)" : "") + ".dump"
    }

    /// The name of an archive of `database` through `environment` taken at `date`.
    public init(environment: String, database: String, takenAt date: Date, sequence: Int = 1) {
        prefix = Self.prefix(environment: environment, database: database)
        timestamp = Self.timestamp(date)
        self.sequence = sequence
    }

    /// The shared start of the names of one environment's and database's archives.
    public static func prefix(environment: String, database: String) -> String {
        sanitize(environment) + "-" + sanitize(database) + "-"
    }

    /// Reads a name written by ``text`` with the given prefix; nil for any other file.
    public init?(parsing name: String, prefix: String) {
        guard name.hasPrefix(prefix), name.hasSuffix(".dump") else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(".dump".count)
        let stamp = middle.prefix(16)
        guard stamp.count == 16, Self.isTimestamp(stamp) else { return nil }
        let rest = middle.dropFirst(16)
        var sequence = 1
        if !rest.isEmpty {
            guard rest.first == "-", let number = Int(rest.dropFirst()), number > 1 else { return nil }
            sequence = number
        }
        self.prefix = prefix
        self.timestamp = String(stamp)
        self.sequence = sequence
    }

    public static func < (lhs: BackupFileName, rhs: BackupFileName) -> Bool {
        (lhs.timestamp, lhs.sequence) < (rhs.timestamp, rhs.sequence)
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T"
            + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }

    private static func isTimestamp(_ text: Substring) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch index {
            case 8: if character != "T" { return false }
            case 15: if character != "Z" { return false }
            default: if !(character.isASCII && character.isNumber) { return false }
            }
        }
        return true
    }

    private static func sanitize(_ text: String) -> String {
        let cleaned = String(text.unicodeScalars.map { scalar -> Character in
            let allowed = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) || scalar == "_" || scalar == "."
            return allowed ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "_" : cleaned
    }
}
