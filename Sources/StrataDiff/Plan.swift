/// The ordered statements that turn a source schema into a target schema.
public struct Plan: Sendable, Hashable, Codable {
    public var statements: [PlannedStatement]

    public init(statements: [PlannedStatement] = []) {
        self.statements = statements
    }

    /// Nothing to do: the schemas are equal.
    public var isEmpty: Bool { statements.isEmpty }

    /// Every distinct hazard of every statement, in statement order.
    public var hazards: [Hazard] {
        var seen = Set<Hazard>()
        return statements.flatMap(\.hazards).filter { seen.insert($0).inserted }
    }

    /// The typed changes, in order.
    public var changes: [SchemaChange] { statements.map(\.change) }

    /// The script: statements joined by `;` and a blank line, ending in `;\n`
    /// (empty for an empty plan).
    public func sql() -> String {
        statements.isEmpty ? "" : statements.map(\.sql).joined(separator: ";\n\n") + ";\n"
    }

    enum CodingKeys: String, CodingKey { case statements, hazards }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statements = try container.decode([PlannedStatement].self, forKey: .statements)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statements, forKey: .statements)
        try container.encode(hazards, forKey: .hazards)
    }
}
