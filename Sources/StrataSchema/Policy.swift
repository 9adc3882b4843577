/// A row-level security policy.
public struct Policy: Sendable, Hashable, Codable {
    public enum Command: String, Sendable, Hashable, Codable {
        case all = "ALL", select = "SELECT", insert = "INSERT", update = "UPDATE", delete = "DELETE"
    }

    public var name: String
    public var command: Command
    public var isPermissive: Bool
    /// Role names; `public` for PUBLIC. Sorted.
    public var roles: [String]
    /// The `USING` expression, deparsed.
    public var using: String?
    /// The `WITH CHECK` expression, deparsed.
    public var withCheck: String?
    public var comment: String?

    public init(
        name: String, command: Command = .all, isPermissive: Bool = true, roles: [String] = ["public"],
        using: String? = nil, withCheck: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.command = command
        self.isPermissive = isPermissive
        self.roles = roles
        self.using = using
        self.withCheck = withCheck
        self.comment = comment
    }
}
