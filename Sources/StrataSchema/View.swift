/// A view or materialized view.
public struct View: Sendable, Hashable, Codable {
    public struct Column: Sendable, Hashable, Codable {
        public var name: String
        public var type: String
        public var comment: String?

        public init(name: String, type: String, comment: String? = nil) {
            self.name = name
            self.type = type
            self.comment = comment
        }
    }

    public var name: QualifiedName
    public var isMaterialized: Bool
    /// `pg_get_viewdef(oid)`: the query, e.g. ` SELECT users.id FROM public.users;`
    /// (trimmed, without the trailing semicolon).
    public var definition: String
    /// The output columns in order; `CREATE OR REPLACE VIEW` can only append to them.
    public var columns: [Column]
    /// `reloptions`, e.g. `security_barrier=true`, `check_option=local`, sorted.
    public var options: [String]
    /// False for a materialized view created `WITH NO DATA` and not refreshed.
    public var isPopulated: Bool
    /// Indexes of a materialized view.
    public var indexes: [Index]
    /// Triggers on the view (`INSTEAD OF` row triggers, statement triggers).
    public var triggers: [Trigger]
    /// Rewrite rules other than the view's own `_RETURN` rule (`CREATE RULE … TO view`).
    public var rules: [Rule]
    public var comment: String?

    public init(
        name: QualifiedName, isMaterialized: Bool = false, definition: String, columns: [Column] = [],
        options: [String] = [], isPopulated: Bool = true, indexes: [Index] = [], triggers: [Trigger] = [],
        rules: [Rule] = [], comment: String? = nil
    ) {
        self.name = name
        self.isMaterialized = isMaterialized
        self.definition = definition
        self.columns = columns
        self.options = options
        self.isPopulated = isPopulated
        self.indexes = indexes
        self.triggers = triggers
        self.rules = rules
        self.comment = comment
    }
}
