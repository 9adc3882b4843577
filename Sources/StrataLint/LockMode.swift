/// PostgreSQL's table-level lock modes, weakest first.
public enum LockMode: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case accessShare, rowShare, rowExclusive, shareUpdateExclusive, share, shareRowExclusive, exclusive, accessExclusive

    /// As PostgreSQL's documentation writes it, e.g. `ACCESS EXCLUSIVE`.
    public var name: String {
        switch self {
        case .accessShare: "ACCESS SHARE"
        case .rowShare: "ROW SHARE"
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .exclusive: "EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        }
    }

    /// As `pg_locks.mode` names it, e.g. `AccessExclusiveLock`.
    public init?(pgLocksMode mode: String) {
        guard let found = Self.allCases.first(where: { $0.pgLocksMode == mode }) else { return nil }
        self = found
    }

    public var pgLocksMode: String {
        name.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined() + "Lock"
    }

    /// What the mode stops while it is held.
    var blocks: String {
        switch self {
        case .accessExclusive: "every read and write"
        case .exclusive: "every write and most reads"
        case .share, .shareRowExclusive: "every write (INSERT, UPDATE, DELETE)"
        case .shareUpdateExclusive: "other schema changes and VACUUM, not reads or writes"
        case .rowExclusive, .rowShare, .accessShare: "only schema changes"
        }
    }

    public static func < (lhs: LockMode, rhs: LockMode) -> Bool { lhs.rawValue < rhs.rawValue }
}
