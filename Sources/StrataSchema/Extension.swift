/// An installed extension. Its own objects are not part of the ``Schema``.
public struct Extension: Sendable, Hashable, Codable {
    public var name: String
    /// The schema it was installed into.
    public var schema: String
    public var version: String

    public init(name: String, schema: String, version: String) {
        self.name = name
        self.schema = schema
        self.version = version
    }
}
