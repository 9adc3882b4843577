import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func policySQL(_ change: SchemaChange) -> String {
        switch change {
        case .createPolicy(let table, let policy):
            var sql = "CREATE POLICY " + identifier(policy.name) + " ON " + name(table)
                + " AS " + (policy.isPermissive ? "PERMISSIVE" : "RESTRICTIVE")
                + " FOR " + policy.command.rawValue + " TO " + roles(policy.roles)
            if let using = policy.using { sql += " USING (" + using + ")" }
            if let check = policy.withCheck { sql += " WITH CHECK (" + check + ")" }
            return sql
        case .alterPolicy(let table, let policy):
            var sql = "ALTER POLICY " + identifier(policy.name) + " ON " + name(table) + " TO " + roles(policy.roles)
            if let using = policy.using { sql += " USING (" + using + ")" }
            if let check = policy.withCheck { sql += " WITH CHECK (" + check + ")" }
            return sql
        case .dropPolicy(let table, let policy):
            return "DROP POLICY " + identifier(policy) + " ON " + name(table)
        default:
            preconditionFailure("not a policy change: \(change)")
        }
    }

    /// Role names; `public` is the PUBLIC pseudo-role.
    private static func roles(_ roles: [String]) -> String {
        roles.isEmpty ? "PUBLIC" : roles.map { $0 == "public" ? "PUBLIC" : identifier($0) }.joined(separator: ", ")
    }
}
