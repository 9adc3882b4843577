/// A text search dictionary (`CREATE TEXT SEARCH DICTIONARY`).
public struct TextSearchDictionary: Sendable, Hashable, Codable {
    public var name: QualifiedName
    /// The template, e.g. `pg_catalog.snowball`.
    public var template: QualifiedName
    /// `dictinitoption`: the options as PostgreSQL stores them, e.g.
    /// `language = 'english', stopwords = 'english'`.
    public var options: String?
    public var comment: String?

    public init(name: QualifiedName, template: QualifiedName, options: String? = nil, comment: String? = nil) {
        self.name = name
        self.template = template
        self.options = options
        self.comment = comment
    }
}

/// A text search configuration (`CREATE TEXT SEARCH CONFIGURATION`) with its mappings.
public struct TextSearchConfiguration: Sendable, Hashable, Codable {
    /// `ADD MAPPING FOR tokenType WITH dictionaries`.
    public struct Mapping: Sendable, Hashable, Codable {
        /// The parser's alias for the token type, e.g. `asciiword`.
        public var tokenType: String
        /// The dictionaries, in the order they are consulted.
        public var dictionaries: [QualifiedName]

        public init(tokenType: String, dictionaries: [QualifiedName]) {
            self.tokenType = tokenType
            self.dictionaries = dictionaries
        }
    }

    public var name: QualifiedName
    /// The parser, e.g. `pg_catalog.default`.
    public var parser: QualifiedName
    /// Sorted by token type.
    public var mappings: [Mapping]
    public var comment: String?

    public init(name: QualifiedName, parser: QualifiedName, mappings: [Mapping] = [], comment: String? = nil) {
        self.name = name
        self.parser = parser
        self.mappings = mappings
        self.comment = comment
    }
}
