/// A rewrite rule on a table or view (`CREATE RULE`); not a view's own `_RETURN` rule.
public struct Rule: Sendable, Hashable, Codable {
    public var name: String
    /// `pg_get_ruledef`: the whole `CREATE RULE … AS ON … DO …`, without the final semicolon.
    public var definition: String
    /// `ENABLE` (origin), `DISABLE`, `ENABLE REPLICA` or `ENABLE ALWAYS` (as for triggers).
    public var enabled: Trigger.Enabled
    public var comment: String?

    public init(name: String, definition: String, enabled: Trigger.Enabled = .origin, comment: String? = nil) {
        self.name = name
        self.definition = definition
        self.enabled = enabled
        self.comment = comment
    }
}
