/// A possibly schema-qualified name as written, folded as PostgreSQL folds identifiers.
public struct ObjectName: Sendable, Hashable, CustomStringConvertible {
    public var schema: String?
    public var name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    /// The name with an unqualified one placed in `public`, the schema a default `search_path`
    /// creates objects in.
    var resolved: ObjectName {
        schema == nil ? ObjectName(schema: "public", name: name) : self
    }

    public var description: String {
        schema.map { "\($0).\(name)" } ?? name
    }
}
