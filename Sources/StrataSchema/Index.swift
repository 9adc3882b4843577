/// An index that does not back a constraint: one of the table's own, or a partition's copy
/// of its parent's partitioned index (``parentIndex``).
public struct Index: Sendable, Hashable, Codable {
    /// Named in its table's schema.
    public var name: QualifiedName
    /// The table or materialized view it indexes.
    public var table: QualifiedName
    /// `pg_get_indexdef`: the whole `CREATE [UNIQUE] INDEX name ON schema.table USING method (…) [INCLUDE (…)] [WHERE …]`.
    public var definition: String
    public var isUnique: Bool
    /// `btree`, `gin`, `gist`, …
    public var method: String
    /// The key columns by name (nil entries for expressions), in order.
    public var columns: [String?]
    /// The `INCLUDE` columns, in order.
    public var includedColumns: [String]
    /// False for an index left invalid by a failed concurrent build.
    public var isValid: Bool
    /// An index on a partitioned table (it has partition children of its own).
    public var isPartitioned: Bool
    /// For a partition's copy of an index of its partitioned parent, the parent's index it
    /// is attached to. PostgreSQL creates the copy with the partition (or attaches an
    /// equivalent index the partition already has), names it after the partition, and keeps
    /// it as the partition's own index when the partition is detached.
    public var parentIndex: QualifiedName?
    public var comment: String?

    public init(
        name: QualifiedName, table: QualifiedName, definition: String, isUnique: Bool = false, method: String = "btree",
        columns: [String?] = [], includedColumns: [String] = [], isValid: Bool = true, isPartitioned: Bool = false,
        parentIndex: QualifiedName? = nil, comment: String? = nil
    ) {
        self.name = name
        self.table = table
        self.definition = definition
        self.isUnique = isUnique
        self.method = method
        self.columns = columns
        self.includedColumns = includedColumns
        self.isValid = isValid
        self.isPartitioned = isPartitioned
        self.parentIndex = parentIndex
        self.comment = comment
    }
}
