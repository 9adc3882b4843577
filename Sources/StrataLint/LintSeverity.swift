/// How much a finding matters: an `error` makes `strata lint` exit 4 (and, with `lint: error`,
/// stops `strata up`); a `warning` is reported only; `off` turns a rule off.
public enum LintSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case off, warning, error

    private var rank: Int {
        switch self {
        case .off: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs.rank < rhs.rank }
}
