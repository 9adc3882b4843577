/// A composite type (`CREATE TYPE … AS (…)`); attribute order matters.
public struct CompositeType: Sendable, Hashable, Codable {
    public struct Attribute: Sendable, Hashable, Codable {
        public var name: String
        /// `format_type`, e.g. `numeric(10,2)`.
        public var type: String
        public var collation: QualifiedName?

        public init(name: String, type: String, collation: QualifiedName? = nil) {
            self.name = name
            self.type = type
            self.collation = collation
        }
    }

    public var name: QualifiedName
    public var attributes: [Attribute]
    public var comment: String?

    public init(name: QualifiedName, attributes: [Attribute], comment: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.comment = comment
    }
}
