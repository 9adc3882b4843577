import StrataSchema

/// An object of a kind Strata does not compare, found on one or both sides of a plan
/// (DESIGN §9). When it is on one side only, the schemas differ in a way the plan does not
/// cover.
public struct NotComparedEntry: Sendable, Hashable, Codable, Comparable {
    public enum Side: String, Sendable, Hashable, Codable {
        /// In both schemas: present in both, its definitions not compared.
        case both
        /// Only in the source (`from`).
        case source = "from"
        /// Only in the target (`to`).
        case target = "to"
    }

    public var object: NotComparedObject
    public var side: Side

    public init(object: NotComparedObject, side: Side) {
        self.object = object
        self.side = side
    }

    /// `foreign table public.remote (only in the target)`.
    public var description: String {
        switch side {
        case .both: return "\(object) (in both; not compared)"
        case .source: return "\(object) (only in the source; not planned)"
        case .target: return "\(object) (only in the target; not planned)"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.object < rhs.object }

    enum CodingKeys: String, CodingKey { case kind, name, side = "in" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = NotComparedObject(kind: try container.decode(String.self, forKey: .kind), name: try container.decode(String.self, forKey: .name))
        side = try container.decode(Side.self, forKey: .side)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object.kind, forKey: .kind)
        try container.encode(object.name, forKey: .name)
        try container.encode(side, forKey: .side)
    }

    /// What neither schema's comparison covers, from both sides' lists.
    static func entries(source: [NotComparedObject], target: [NotComparedObject]) -> [NotComparedEntry] {
        let sourceSet = Set(source), targetSet = Set(target)
        return sourceSet.union(targetSet).map { object in
            NotComparedEntry(object: object, side: sourceSet.contains(object) ? (targetSet.contains(object) ? .both : .source) : .target)
        }.sorted()
    }
}
