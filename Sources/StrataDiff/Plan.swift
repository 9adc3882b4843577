/// The ordered statements that turn a source schema into a target schema.
public struct Plan: Sendable, Hashable, Codable {
    public var statements: [PlannedStatement]
    /// Objects of kinds Strata does not compare, on either side (DESIGN §9).
    public var notCompared: [NotComparedEntry]

    public init(statements: [PlannedStatement] = [], notCompared: [NotComparedEntry] = []) {
        self.statements = statements
        self.notCompared = notCompared
    }

    /// No statements: the compared objects are equal. (Objects that are not compared may
    /// still differ: see ``notCompared`` and ``hasDifferences``.)
    public var isEmpty: Bool { statements.isEmpty }

    /// Whether the schemas are known to differ: there are statements, or an object that is
    /// not compared exists on one side only.
    public var hasDifferences: Bool {
        !statements.isEmpty || notCompared.contains { $0.side != .both }
    }

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

    enum CodingKeys: String, CodingKey { case statements, hazards, notCompared = "not_compared" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statements = try container.decode([PlannedStatement].self, forKey: .statements)
        notCompared = try container.decodeIfPresent([NotComparedEntry].self, forKey: .notCompared) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statements, forKey: .statements)
        try container.encode(hazards, forKey: .hazards)
        try container.encode(notCompared, forKey: .notCompared)
    }
}
