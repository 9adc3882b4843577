/// A domain over a base type, with its constraints.
public struct DomainType: Sendable, Hashable, Codable {
    public struct Constraint: Sendable, Hashable, Codable {
        public var name: String
        /// `pg_get_constraintdef`, e.g. `CHECK ((VALUE > 0))`, with ` NOT VALID` when not validated.
        public var definition: String

        public init(name: String, definition: String) {
            self.name = name
            self.definition = definition
        }
    }

    public var name: QualifiedName
    /// `format_type` of the base type, e.g. `integer`, `character varying(20)`.
    public var baseType: String
    public var isNotNull: Bool
    public var defaultExpression: String?
    /// A collation other than the base type's default, qualified.
    public var collation: QualifiedName?
    public var constraints: [Constraint]
    public var comment: String?

    public init(
        name: QualifiedName, baseType: String, isNotNull: Bool = false, defaultExpression: String? = nil,
        collation: QualifiedName? = nil, constraints: [Constraint] = [], comment: String? = nil
    ) {
        self.name = name
        self.baseType = baseType
        self.isNotNull = isNotNull
        self.defaultExpression = defaultExpression
        self.collation = collation
        self.constraints = constraints
        self.comment = comment
    }
}
