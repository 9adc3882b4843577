/// One privilege held by one grantee: an entry of an ACL after normalisation.
///
/// Grantors are not kept: a privilege counts once whoever granted it, because a plan
/// can only grant as the role it runs as. `privilege` is PostgreSQL's keyword as
/// `aclexplode` spells it (`SELECT`, `USAGE`, `EXECUTE`, …).
public struct PrivilegeGrant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var grantee: Grantee
    public var privilege: String
    /// `WITH GRANT OPTION`: the grantee may grant the privilege on.
    public var withGrantOption: Bool

    public init(_ grantee: Grantee, _ privilege: String, withGrantOption: Bool = false) {
        self.grantee = grantee
        self.privilege = privilege
        self.withGrantOption = withGrantOption
    }

    /// `SELECT to reader`, `USAGE to PUBLIC with grant option`.
    public var description: String {
        "\(privilege) to \(grantee)" + (withGrantOption ? " with grant option" : "")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.grantee != rhs.grantee { return lhs.grantee < rhs.grantee }
        if lhs.privilege != rhs.privilege { return lhs.privilege.utf8.lexicographicallyPrecedes(rhs.privilege.utf8) }
        return !lhs.withGrantOption && rhs.withGrantOption
    }

    /// The grants sorted, one per grantee and privilege (a grant option wins over none).
    public static func normalized(_ grants: [PrivilegeGrant]) -> [PrivilegeGrant] {
        var strongest: [Key: Bool] = [:]
        for grant in grants { strongest[Key(grant), default: false] = strongest[Key(grant), default: false] || grant.withGrantOption }
        return strongest.map { PrivilegeGrant($0.key.grantee, $0.key.privilege, withGrantOption: $0.value) }.sorted()
    }

    private struct Key: Hashable {
        var grantee: Grantee
        var privilege: String
        init(_ grant: PrivilegeGrant) {
            grantee = grant.grantee
            privilege = grant.privilege
        }
    }
}
