import StrataSchema

/// How many rows one table held: counted exactly (`count(*)`) in the snapshot a backup
/// was taken from, or in the database it was restored into.
public struct TableRowCount: Sendable, Hashable, Codable {
    public var table: QualifiedName
    /// The row count; nil when rows were not counted (a schema-only backup).
    public var rows: Int64?

    public init(table: QualifiedName, rows: Int64?) {
        self.table = table
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey { case schema, name, rows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        table = QualifiedName(try container.decode(String.self, forKey: .schema), try container.decode(String.self, forKey: .name))
        rows = try container.decodeIfPresent(Int64.self, forKey: .rows)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(table.schema, forKey: .schema)
        try container.encode(table.name, forKey: .name)
        try container.encode(rows, forKey: .rows)
    }
}
