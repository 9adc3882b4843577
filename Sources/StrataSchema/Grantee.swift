/// Who holds a privilege, after normalisation: everyone, the object's owner, or a
/// named role.
///
/// The owner is a marker rather than its role name, so that two databases whose objects
/// belong to different roles (`app` in production, `postgres` on a laptop) still compare
/// equal when owners are not compared, and so that the entry follows the object through
/// `ALTER … OWNER TO` as PostgreSQL's own ACL does. In default privileges the marker
/// stands for the role whose new objects they apply to.
public enum Grantee: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// `PUBLIC`: every role.
    case `public`
    /// The owner of the object (or, in default privileges, the role they belong to).
    case owner
    /// A role by name.
    case role(String)

    /// `PUBLIC`, `owner`, or the role's name, for messages.
    public var description: String {
        switch self {
        case .public: return "PUBLIC"
        case .owner: return "owner"
        case .role(let name): return name
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.role(let a), .role(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .public: return 0
        case .owner: return 1
        case .role: return 2
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch text {
        case "PUBLIC": self = .public
        case "owner": self = .owner
        default: self = .role(text.hasPrefix("role:") ? String(text.dropFirst(5)) : text)
        }
    }

    /// `PUBLIC`, `owner`, or `role:NAME` (so that a role called `owner` stays a role).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .public: try container.encode("PUBLIC")
        case .owner: try container.encode("owner")
        case .role(let name): try container.encode("role:" + name)
        }
    }
}
