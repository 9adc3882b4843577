/// What nullability analysis knows of the database a query runs against: every table and
/// view a query can name (with its columns in order and their NOT NULL), each view's
/// definition, and the search path that resolves unqualified names.
///
/// Built from the scratch database the migrations were applied to (``QueryDescriber``);
/// tests build it by hand.
public struct NullabilityCatalog: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var notNull: Bool

        public init(name: String, notNull: Bool) {
            self.name = name
            self.notNull = notNull
        }
    }

    public struct Relation: Sendable, Equatable {
        public var schema: String
        public var name: String
        /// In attribute order, dropped columns left out.
        public var columns: [Column]
        /// `pg_get_viewdef` of a view (a SELECT); nil for a table.
        public var viewDefinition: String?

        public init(schema: String, name: String, columns: [Column], viewDefinition: String? = nil) {
            self.schema = schema
            self.name = name
            self.columns = columns
            self.viewDefinition = viewDefinition
        }
    }

    public var relations: [Relation]
    /// Schemas searched, in order, for an unqualified name.
    public var searchPath: [String]

    public init(relations: [Relation], searchPath: [String] = ["public"]) {
        self.relations = relations
        self.searchPath = searchPath
    }

    /// The relation `name` (already case-folded as PostgreSQL folds it) in `schema`, or
    /// the first schema of the search path that has one.
    public func relation(schema: String?, name: String) -> Relation? {
        if let schema {
            return relations.first { $0.schema == schema && $0.name == name }
        }
        for candidate in searchPath {
            if let found = relations.first(where: { $0.schema == candidate && $0.name == name }) { return found }
        }
        return nil
    }
}

/// A result column as the server describes it: its name, and the table or view column it
/// comes from when the server can trace it (for `SELECT u.name` or `*`, not for
/// expressions).
public struct DescribedColumn: Sendable, Equatable {
    public struct Origin: Sendable, Equatable {
        public var schema: String
        public var relation: String
        public var column: String

        public init(schema: String, relation: String, column: String) {
            self.schema = schema
            self.relation = relation
            self.column = column
        }
    }

    public var name: String
    public var origin: Origin?

    public init(name: String, origin: Origin? = nil) {
        self.name = name
        self.origin = origin
    }
}
