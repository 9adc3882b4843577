import StrataSchema

/// An object as `GRANT`, `REVOKE` and `ALTER … OWNER TO` name it.
public struct PrivilegeTarget: Sendable, Hashable, Codable {
    /// The words of `ALTER … OWNER TO` for the object: `SCHEMA`, `TABLE`, `VIEW`,
    /// `MATERIALIZED VIEW`, `SEQUENCE`, `ROUTINE`, `TYPE`, `DOMAIN` or `COLLATION`
    /// (`TABLE` for a column).
    public var keyword: String
    public var object: ObjectID
    /// The owner's role when owners are compared; nil otherwise, and then the owner marker
    /// renders as `CURRENT_USER`, the role the plan runs as (who owns what it creates).
    public var ownerRole: String?

    public init(keyword: String, object: ObjectID, ownerRole: String? = nil) {
        self.keyword = keyword
        self.object = object
        self.ownerRole = ownerRole
    }

    /// The words `GRANT … ON` takes: views are granted on as tables.
    var grantKeyword: String {
        switch keyword {
        case "VIEW", "MATERIALIZED VIEW": return "TABLE"
        // GRANT names aggregates as routines; ALTER AGGREGATE … OWNER TO by their own word.
        case "AGGREGATE": return "ROUTINE"
        default: return keyword
        }
    }
}
