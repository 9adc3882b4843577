import StrataSchema

/// What an ER diagram draws: tables with their columns and keys, and the foreign keys
/// between them. Mermaid and DOT render the same model.
///
/// Partitions are drawn as their partitioned table (the root of the partition tree), so a
/// table split into a hundred partitions is one box; a foreign key of a partition or to a
/// partition is an edge of that root. Tables outside the selection that a drawn foreign
/// key reaches are drawn as bare boxes (``Entity/isReference``), so every edge has both ends.
public struct ERModel: Sendable, Hashable {
    /// A column with its key roles.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var type: String
        public var isNotNull: Bool
        public var isPrimaryKey: Bool
        public var isForeignKey: Bool
        public var isUnique: Bool

        /// Part of a key: worth showing in a diagram that shows key columns only.
        public var isKey: Bool { isPrimaryKey || isForeignKey || isUnique }
    }

    /// A drawn table.
    public struct Entity: Sendable, Hashable {
        public var name: QualifiedName
        public var attributes: [Attribute]
        /// Drawn only because a selected table's foreign key reaches it; no columns.
        public var isReference: Bool
        /// The names of the partitions drawn as this table (all levels), sorted.
        public var partitions: [QualifiedName]
    }

    /// Sorted by name.
    public var entities: [Entity]
    /// Sorted; both ends are entities.
    public var relationships: [Relationship]

    /// The model of the tables of `schema` that `selects` picks (every table without it).
    /// `relationships`, when given, are ``Relationship/all(in:)`` of `schema`, computed once
    /// for many models of the same schema.
    public init(schema: Schema, relationships known: [Relationship]? = nil, selecting selects: ((QualifiedName) -> Bool)? = nil) {
        let byName = Dictionary(schema.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func root(_ name: QualifiedName) -> QualifiedName {
            var current = name
            var seen: Set<QualifiedName> = [name]
            while let parent = byName[current]?.partitionOf?.parent, seen.insert(parent).inserted { current = parent }
            return current
        }
        var partitions: [QualifiedName: [QualifiedName]] = [:]
        for table in schema.tables where table.partitionOf != nil { partitions[root(table.name), default: []].append(table.name) }
        let selected = schema.tables.filter { $0.partitionOf == nil && (selects?($0.name) ?? true) }
        let selectedNames = Set(selected.map(\.name))

        var seenEdges: Set<String> = []
        var relationships: [Relationship] = []
        for var relationship in known ?? Relationship.all(in: schema) {
            relationship.child = root(relationship.child)
            relationship.parent = root(relationship.parent)
            guard selectedNames.contains(relationship.child) || selectedNames.contains(relationship.parent),
                  seenEdges.insert(relationship.child.description + "\u{0}" + relationship.name).inserted else { continue }
            relationships.append(relationship)
        }
        self.relationships = relationships.sorted()

        var entities = selected.map { table in
            Entity(name: table.name, attributes: Self.attributes(of: table), isReference: false, partitions: (partitions[table.name] ?? []).sorted())
        }
        let references = Set(relationships.flatMap { [$0.child, $0.parent] }).subtracting(selectedNames)
        entities += references.map { Entity(name: $0, attributes: [], isReference: true, partitions: []) }
        self.entities = entities.sorted { $0.name < $1.name }
    }

    static func attributes(of table: Table) -> [Attribute] {
        let primaryKey = Set(table.constraints.filter { $0.kind == .primaryKey }.flatMap(\.columns))
        let foreignKeys = Set(table.constraints.filter { $0.kind == .foreignKey && $0.parentConstraint == nil }.flatMap(\.columns))
        let unique = Set(table.constraints.filter { $0.kind == .unique }.flatMap(\.columns))
        return table.columns.map { column in
            Attribute(
                name: column.name, type: column.type, isNotNull: column.isNotNull, isPrimaryKey: primaryKey.contains(column.name),
                isForeignKey: foreignKeys.contains(column.name), isUnique: unique.contains(column.name)
            )
        }
    }
}
