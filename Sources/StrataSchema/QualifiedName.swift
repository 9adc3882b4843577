/// A schema-qualified name: `schema.name`. Ordered by schema, then name, in byte order
/// (like `COLLATE "C"`), so that every list in a ``Schema`` sorts deterministically.
public struct QualifiedName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(_ schema: String, _ name: String) {
        self.schema = schema
        self.name = name
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.schema != rhs.schema { return lhs.schema.utf8.lexicographicallyPrecedes(rhs.schema.utf8) }
        return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }

    /// `schema.name` unquoted, for messages and identities (not for SQL).
    public var description: String { "\(schema).\(name)" }
}
