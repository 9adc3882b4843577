/// An extended statistics object (`CREATE STATISTICS`) on one table.
public struct StatisticsObject: Sendable, Hashable, Codable {
    public var name: QualifiedName
    /// The table whose columns or expressions it covers.
    public var table: QualifiedName
    /// `pg_get_statisticsobjdef`: the whole `CREATE STATISTICS … ON … FROM …`.
    public var definition: String
    /// `ALTER STATISTICS … SET STATISTICS n`; nil for the default (`-1`).
    public var target: Int?
    public var comment: String?

    public init(name: QualifiedName, table: QualifiedName, definition: String, target: Int? = nil, comment: String? = nil) {
        self.name = name
        self.table = table
        self.definition = definition
        self.target = target
        self.comment = comment
    }

    public var id: ObjectID { .statistics(name) }
}
