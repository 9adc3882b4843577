/// A table: ordinary, partitioned, or a partition; logged or unlogged.
public struct Table: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case ordinary
        /// `PARTITION BY …`
        case partitioned
    }

    /// What this table is a partition of, and its bound.
    public struct Partition: Sendable, Hashable, Codable {
        public var parent: QualifiedName
        /// `pg_get_expr(relpartbound)`, e.g. `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')` or `DEFAULT`.
        public var bound: String

        public init(parent: QualifiedName, bound: String) {
            self.parent = parent
            self.bound = bound
        }
    }

    /// `REPLICA IDENTITY`: which columns logical replication writes for updated and
    /// deleted rows.
    public enum ReplicaIdentity: Sendable, Hashable, Codable {
        /// The primary key, if any (`d`).
        case `default`
        /// Every column (`f`).
        case full
        /// Nothing (`n`).
        case nothing
        /// `USING INDEX name` (`i`): a unique index of the table, named in its schema.
        case index(String)
    }

    public var name: QualifiedName
    public var kind: Kind
    public var isUnlogged: Bool
    /// `pg_get_partkeydef`, e.g. `RANGE (created_at)`, for partitioned tables.
    public var partitionKey: String?
    public var partitionOf: Partition?
    /// Parents through plain inheritance (`INHERITS`), in order; not partitioning.
    public var inherits: [QualifiedName]
    /// Columns in their physical order (`attnum`). Comparisons ignore the order, because
    /// `ALTER TABLE … ADD COLUMN` can only append.
    public var columns: [Column]
    public var constraints: [Constraint]
    /// Indexes that do not back a constraint, a partition's copies of its parent's indexes
    /// included (``Index/parentIndex``).
    public var indexes: [Index]
    public var triggers: [Trigger]
    public var policies: [Policy]
    /// Rewrite rules (`CREATE RULE … TO table`).
    public var rules: [Rule]
    public var rowSecurity: Bool
    public var forceRowSecurity: Bool
    /// Storage parameters (`reloptions`), e.g. `fillfactor=70`, sorted; the TOAST table's
    /// parameters with a `toast.` prefix (`toast.autovacuum_enabled=false`).
    public var options: [String]
    public var replicaIdentity: ReplicaIdentity
    public var comment: String?

    public init(
        name: QualifiedName, kind: Kind = .ordinary, isUnlogged: Bool = false, partitionKey: String? = nil,
        partitionOf: Partition? = nil, inherits: [QualifiedName] = [], columns: [Column] = [],
        constraints: [Constraint] = [], indexes: [Index] = [], triggers: [Trigger] = [], policies: [Policy] = [],
        rules: [Rule] = [], rowSecurity: Bool = false, forceRowSecurity: Bool = false, options: [String] = [],
        replicaIdentity: ReplicaIdentity = .default, comment: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.isUnlogged = isUnlogged
        self.partitionKey = partitionKey
        self.partitionOf = partitionOf
        self.inherits = inherits
        self.columns = columns
        self.constraints = constraints
        self.indexes = indexes
        self.triggers = triggers
        self.policies = policies
        self.rules = rules
        self.rowSecurity = rowSecurity
        self.forceRowSecurity = forceRowSecurity
        self.options = options
        self.replicaIdentity = replicaIdentity
        self.comment = comment
    }

    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    mutating func sortMembers() {
        constraints.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        indexes.sort { $0.name < $1.name }
        triggers.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        policies.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        rules.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        options.sort()
    }
}
