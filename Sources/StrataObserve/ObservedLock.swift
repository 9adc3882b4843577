import StrataLint

/// A lock a statement was seen holding (or waiting for) in `pg_locks`.
///
/// Encodes as `{"relation", "lock_type", "mode", "granted"}` with `mode` as PostgreSQL's
/// documentation writes it (`"ACCESS EXCLUSIVE"`) and `relation` null for a lock on
/// something other than a relation.
public struct ObservedLock: Sendable, Hashable, Codable {
    /// The table, index, view or sequence, as `regclass` prints it (schema-qualified when its
    /// schema is not on the `search_path`); nil when ``lockType`` is not `relation`.
    public var relation: String?
    /// `pg_locks.locktype`: `relation`, or for a statement seen waiting for other transactions
    /// to end, `virtualxid` or `transactionid`.
    public var lockType: String
    public var mode: LockMode
    /// False for the lock a statement was waiting for when it was seen.
    public var granted: Bool

    public init(relation: String?, lockType: String = "relation", mode: LockMode, granted: Bool = true) {
        self.relation = relation
        self.lockType = lockType
        self.mode = mode
        self.granted = granted
    }

    enum CodingKeys: String, CodingKey {
        case relation, lockType = "lock_type", mode, granted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        relation = try container.decodeIfPresent(String.self, forKey: .relation)
        lockType = try container.decode(String.self, forKey: .lockType)
        granted = try container.decode(Bool.self, forKey: .granted)
        let name = try container.decode(String.self, forKey: .mode)
        guard let mode = LockMode.allCases.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorruptedError(forKey: .mode, in: container, debugDescription: "\(name) is not a lock mode")
        }
        self.mode = mode
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(relation, forKey: .relation)
        try container.encode(lockType, forKey: .lockType)
        try container.encode(mode.name, forKey: .mode)
        try container.encode(granted, forKey: .granted)
    }
}
