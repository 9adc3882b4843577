import StrataSchema

/// A foreign key seen as an edge of the ER diagram: from the referencing (child) table to
/// the referenced (parent) table, with the cardinality of each end.
public struct Relationship: Sendable, Hashable, Comparable {
    /// How many rows of one end a row of the other end relates to.
    public enum Cardinality: String, Sendable, Hashable {
        case exactlyOne = "exactly one"
        case zeroOrOne = "zero or one"
        case zeroOrMore = "zero or more"
    }

    /// The referencing table and the foreign key's name and columns.
    public var child: QualifiedName
    public var name: String
    public var columns: [String]
    /// The referenced table and columns.
    public var parent: QualifiedName
    public var parentColumns: [String]
    /// Parent rows per child row: exactly one when every referencing column is `NOT NULL`,
    /// else zero or one.
    public var parentCardinality: Cardinality
    /// Child rows per parent row: zero or one when the referencing columns are a key of the
    /// child (a primary key, unique constraint or plain unique index on exactly them), else
    /// zero or more.
    public var childCardinality: Cardinality
    /// The referencing columns are part of the child's primary key: the child's identity
    /// depends on the parent (a solid line; a dashed one otherwise).
    public var isIdentifying: Bool

    public init(
        child: QualifiedName, name: String, columns: [String], parent: QualifiedName, parentColumns: [String],
        parentCardinality: Cardinality, childCardinality: Cardinality, isIdentifying: Bool
    ) {
        self.child = child
        self.name = name
        self.columns = columns
        self.parent = parent
        self.parentColumns = parentColumns
        self.parentCardinality = parentCardinality
        self.childCardinality = childCardinality
        self.isIdentifying = isIdentifying
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.child != rhs.child { return lhs.child < rhs.child }
        return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }

    /// Every foreign key of `schema` that a table declares itself: a partition's copies of
    /// its parent's foreign keys, and the copies PostgreSQL adds for each partition of a
    /// referenced partitioned table, are the parent key's and are left out.
    public static func all(in schema: Schema) -> [Relationship] {
        schema.tables.flatMap { table in
            table.constraints.compactMap { constraint in
                guard constraint.kind == .foreignKey, constraint.parentConstraint == nil,
                      let parent = constraint.referencedTable else { return nil }
                return Relationship(table: table, constraint: constraint, parent: parent)
            }
        }.sorted()
    }

    init(table: Table, constraint: Constraint, parent: QualifiedName) {
        let columns = constraint.columns
        let allNotNull = !columns.isEmpty && columns.allSatisfy { table.column($0)?.isNotNull ?? false }
        let keySets: [Set<String>] = table.constraints.filter { $0.kind == .primaryKey || $0.kind == .unique }.map { Set($0.columns) }
            + table.indexes.filter { $0.isUnique && !$0.definition.contains(" WHERE ") && !$0.columns.contains(nil) }
                .map { Set($0.columns.compactMap { $0 }) }
        let primaryKey = Set(table.constraints.first { $0.kind == .primaryKey }?.columns ?? [])
        self.init(
            child: table.name, name: constraint.name, columns: columns, parent: parent, parentColumns: constraint.referencedColumns,
            parentCardinality: allNotNull ? .exactlyOne : .zeroOrOne,
            childCardinality: keySets.contains(Set(columns)) ? .zeroOrOne : .zeroOrMore,
            isIdentifying: !columns.isEmpty && Set(columns).isSubset(of: primaryKey)
        )
    }
}
