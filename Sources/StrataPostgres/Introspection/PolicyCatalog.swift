import StrataSchema

/// Row-level security policies. Role 0 is `PUBLIC`; roles are sorted in byte order.
enum PolicyCatalog: CatalogQuery {
    static let name = "policies"
    static let sql = #"""
        SELECT p.polrelid::text, p.polname::text, p.polcmd::text, p.polpermissive,
               (SELECT json_agg(CASE WHEN o.role = 0 THEN 'public' ELSE pg_get_userbyid(o.role)::text END)
                FROM unnest(p.polroles) o(role))::text,
               pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass AND d.objsubid = 0),
               p.oid::text
        FROM pg_policy p
        JOIN user_relation r ON r.oid = p.polrelid
        """#

    static func item(_ row: CatalogRow) throws -> (table: String, oid: UInt32?, policy: Policy) {
        let command: Policy.Command
        switch try row.string(2) {
        case "*": command = .all
        case "r": command = .select
        case "a": command = .insert
        case "w": command = .update
        case "d": command = .delete
        case let other: throw row.unexpected(2, "is polcmd \"\(other)\"")
        }
        let roles = (try row.json(4, as: [String].self) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let policy = Policy(
            name: try row.string(1),
            command: command,
            isPermissive: try row.bool(3),
            roles: roles,
            using: row.optionalString(5),
            withCheck: row.optionalString(6),
            comment: row.optionalString(7)
        )
        return (try row.string(0), try row.oid(8), policy)
    }
}
