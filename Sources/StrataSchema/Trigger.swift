/// A trigger on a table or view (user triggers only; not a partition's copy of its
/// parent's trigger).
public struct Trigger: Sendable, Hashable, Codable {
    public enum Enabled: String, Sendable, Hashable, Codable {
        /// `O`: fires in origin and local modes (the default).
        case origin
        case disabled
        case replica
        case always
    }

    public var name: String
    /// `pg_get_triggerdef`: the whole `CREATE [CONSTRAINT] TRIGGER … EXECUTE FUNCTION …(…)`.
    public var definition: String
    public var enabled: Enabled
    /// The trigger function.
    public var function: ObjectID?
    public var comment: String?

    public init(name: String, definition: String, enabled: Enabled = .origin, function: ObjectID? = nil, comment: String? = nil) {
        self.name = name
        self.definition = definition
        self.enabled = enabled
        self.function = function
        self.comment = comment
    }
}
