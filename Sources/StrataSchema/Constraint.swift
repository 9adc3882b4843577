/// A table constraint.
public struct Constraint: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case primaryKey = "primary key"
        case unique
        case check
        case foreignKey = "foreign key"
        case exclusion
    }

    public var name: String
    public var kind: Kind
    /// `pg_get_constraintdef`, e.g. `FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE`;
    /// ends with ` NOT VALID` for a constraint that was not validated.
    public var definition: String
    /// The constrained columns, in key order.
    public var columns: [String]
    /// The `INCLUDE` columns of a primary key, unique or exclusion constraint's index.
    public var includedColumns: [String]
    /// The referenced table of a foreign key.
    public var referencedTable: QualifiedName?
    public var referencedColumns: [String]
    public var isDeferrable: Bool
    public var isInitiallyDeferred: Bool
    /// False for a `NOT VALID` foreign key or check.
    public var isValidated: Bool
    /// False for a constraint inherited from a parent or partitioned table (`conislocal`).
    public var isLocal: Bool
    /// For a partition's copy of a key, exclusion or foreign key of its partitioned parent
    /// (`conparentid`), the name of that constraint on the parent table. PostgreSQL creates
    /// the copy with the partition (or adopts an equivalent one the partition already has
    /// when it is attached), names it after the partition, and keeps it as the partition's
    /// own when the partition is detached.
    public var parentConstraint: String?
    /// The index backing a primary key, unique or exclusion constraint, named in the
    /// table's schema.
    public var indexName: String?
    public var comment: String?

    public init(
        name: String, kind: Kind, definition: String, columns: [String] = [], includedColumns: [String] = [],
        referencedTable: QualifiedName? = nil,
        referencedColumns: [String] = [], isDeferrable: Bool = false, isInitiallyDeferred: Bool = false,
        isValidated: Bool = true, isLocal: Bool = true, parentConstraint: String? = nil, indexName: String? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.definition = definition
        self.columns = columns
        self.includedColumns = includedColumns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.isDeferrable = isDeferrable
        self.isInitiallyDeferred = isInitiallyDeferred
        self.isValidated = isValidated
        self.isLocal = isLocal
        self.parentConstraint = parentConstraint
        self.indexName = indexName
        self.comment = comment
    }
}
