/// Something a planned statement can do to a live database beyond changing its schema:
/// lose data, rewrite a table, hold a lock that blocks other sessions, or scan a table.
///
/// Hazards are derived from the typed ``SchemaChange`` and from whether the affected
/// table already exists in the source schema: a table created by the same plan holds no
/// data and nobody waits on its locks, so statements on it carry no hazards.
public struct Hazard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, documented hazard code (a string in JSON).
    public struct Code: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `data-loss`: rows or values are deleted for good — dropping a table, column,
        /// type, schema or sequence, a narrowing column type change, removing an enum label,
        /// or replacing a stored column by a generated one.
        public static let dataLoss = Code(rawValue: "data-loss")
        /// `table-rewrite`: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE
        /// lock — a column type change that is not binary-coercible, `SET LOGGED`/`UNLOGGED`,
        /// adding a column with a volatile default, adding a stored generated column.
        public static let tableRewrite = Code(rawValue: "table-rewrite")
        /// `blocking-lock`: the statement takes an ACCESS EXCLUSIVE or SHARE-class lock on an
        /// existing table, blocking reads or writes while it waits and runs (most `ALTER TABLE`s,
        /// triggers, policies, `DROP INDEX` without `CONCURRENTLY`).
        public static let blockingLock = Code(rawValue: "blocking-lock")
        /// `index-build`: `CREATE INDEX` (or a primary key, unique or exclusion constraint)
        /// without `CONCURRENTLY` on an existing table; writes are blocked during the build.
        public static let indexBuild = Code(rawValue: "index-build")
        /// `validation-scan`: a full scan of an existing table under lock to check new rows
        /// rules — a foreign key or check added without `NOT VALID`, `SET NOT NULL`, attaching
        /// a partition.
        public static let validationScan = Code(rawValue: "validation-scan")
        /// `enum-value-added`: `ALTER TYPE … ADD VALUE`; the new label cannot be used in the
        /// same transaction.
        public static let enumValueAdded = Code(rawValue: "enum-value-added")

        /// `privilege-revoked`: a privilege that a role held on an existing object is
        /// revoked; applications connecting as that role lose access (permission denied).
        public static let privilegeRevoked = Code(rawValue: "privilege-revoked")
        /// `owner-changed`: an existing object passes to another role; the old owner loses
        /// the rights ownership gave it (altering, dropping, granting) and its implicit
        /// privileges.
        public static let ownerChanged = Code(rawValue: "owner-changed")

        /// `sequence-restart`: a sequence (or identity column) whose range narrows is moved to
        /// its new start when it was never used or its current value lies outside the new
        /// range; values it hands out afterwards may repeat earlier ones, and `setval` is not
        /// undone when the transaction rolls back.
        public static let sequenceRestart = Code(rawValue: "sequence-restart")

        /// Every code, in a stable order.
        public static let all: [Code] = [
            .dataLoss, .tableRewrite, .blockingLock, .indexBuild, .validationScan, .enumValueAdded, .privilegeRevoked, .ownerChanged,
            .sequenceRestart,
        ]
    }

    public var code: Code
    /// What happens and to which object, for people.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
