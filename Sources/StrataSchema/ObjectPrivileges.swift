/// The privileges on one object whose ACL is not PostgreSQL's built-in default
/// (``builtInDefault(for:)``): a schema, table, view, sequence, column, routine or type.
///
/// An object that is not listed in ``Schema/privileges`` has the built-in default (a
/// NULL ACL in the catalog means exactly that); a column that is not listed has no
/// column privileges.
public struct ObjectPrivileges: Sendable, Hashable, Codable {
    public var object: ObjectID
    /// Sorted, one entry per grantee and privilege (``PrivilegeGrant/normalized(_:)``).
    public var grants: [PrivilegeGrant]

    public init(object: ObjectID, grants: [PrivilegeGrant]) {
        self.object = object
        self.grants = PrivilegeGrant.normalized(grants)
    }

    /// What PostgreSQL gives a new object of this kind before any `GRANT` (`acldefault`),
    /// with the owner as ``Grantee/owner``; nil for kinds that have no privileges.
    ///
    /// The `public` schema is the exception: its default is the one PostgreSQL 15 and
    /// later create (`USAGE` for `PUBLIC`, everything for its owner,
    /// `pg_database_owner`); the inspection reads a PostgreSQL 14 `public` schema with
    /// its built-in ACL (`CREATE` for `PUBLIC` too) as this default.
    public static func builtInDefault(for object: ObjectID) -> [PrivilegeGrant]? {
        switch object {
        case .namespace(let name):
            let owner = [PrivilegeGrant(.owner, "CREATE"), PrivilegeGrant(.owner, "USAGE")]
            return name == "public" ? [PrivilegeGrant(.public, "USAGE")] + owner : owner
        case .table, .view:
            return ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"].map { PrivilegeGrant(.owner, $0) }
        case .sequence:
            return ["SELECT", "UPDATE", "USAGE"].map { PrivilegeGrant(.owner, $0) }
        case .column:
            return []
        case .routine:
            return [PrivilegeGrant(.public, "EXECUTE"), PrivilegeGrant(.owner, "EXECUTE")]
        case .type:
            return [PrivilegeGrant(.public, "USAGE"), PrivilegeGrant(.owner, "USAGE")]
        case .extension, .collation, .constraint, .index, .trigger, .policy, .defaultPrivileges, .rule, .statistics, .cast, .operator,
             .textSearchConfiguration, .textSearchDictionary:
            return nil
        }
    }
}
