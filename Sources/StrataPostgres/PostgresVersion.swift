/// A PostgreSQL release as a program (`pg_dump --version`) or a server
/// (`server_version_num`) reports it: `15.8`, `17beta1`, `9.6.24`.
///
/// Ordered by release: major version first (`9.6` before `10`), then minor.
public struct PostgresVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The major version: `15` for 15.8; `9` for 9.6.24 (see ``minor``).
    public var major: Int
    /// The minor version: `8` for 15.8; for releases before 10, the second number (`6`
    /// for 9.6.24), which is part of their major release.
    public var minor: Int
    /// The version as reported, e.g. `15.8` or `17beta1`.
    public var text: String

    public init(major: Int, minor: Int, text: String) {
        self.major = major
        self.minor = minor
        self.text = text
    }

    /// The version in a program's `--version` line: `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`
    /// gives 15.18. Nil when the line has no `(PostgreSQL) N`.
    public init?(versionOutput: String) {
        guard let marker = versionOutput.range(of: "(PostgreSQL) ") else { return nil }
        let word = versionOutput[marker.upperBound...].prefix { !$0.isWhitespace }
        let majorDigits = word.prefix { $0.isASCII && $0.isNumber }
        guard let major = Int(majorDigits) else { return nil }
        var minor = 0
        let rest = word.dropFirst(majorDigits.count)
        if rest.first == "." {
            minor = Int(rest.dropFirst().prefix { $0.isASCII && $0.isNumber }) ?? 0
        }
        self.init(major: major, minor: minor, text: String(word))
    }

    /// The version of a server from `server_version_num` (`150008` is 15.8, `90624` is
    /// 9.6.24) and, for display, `server_version` (whose first word is used when given).
    public init(serverVersionNumber number: Int, serverVersion: String? = nil) {
        let shown = serverVersion.map { String($0.prefix { !$0.isWhitespace }) }
        if number >= 100_000 {
            self.init(major: number / 10_000, minor: number % 10_000, text: shown ?? "\(number / 10_000).\(number % 10_000)")
        } else {
            let major = number / 10_000, second = number / 100 % 100
            self.init(major: major, minor: second, text: shown ?? "\(major).\(second).\(number % 100)")
        }
    }

    /// The major release as one number: `15` is 1500, `9.6` is 906.
    private var releaseKey: Int { major >= 10 ? major * 100 : major * 100 + minor }

    /// Whether `self` belongs to the same major release as `other` or a newer one: what
    /// `pg_dump` needs of itself against the server it dumps.
    public func isSameOrNewerMajor(than other: PostgresVersion) -> Bool {
        releaseKey >= other.releaseKey
    }

    /// The major release as people write it: `15`, or `9.6` before 10.
    public var majorText: String { major >= 10 ? "\(major)" : "\(major).\(minor)" }

    public static func < (lhs: PostgresVersion, rhs: PostgresVersion) -> Bool {
        if lhs.releaseKey != rhs.releaseKey { return lhs.releaseKey < rhs.releaseKey }
        return lhs.major >= 10 && lhs.minor < rhs.minor
    }

    public var description: String { text }
}
