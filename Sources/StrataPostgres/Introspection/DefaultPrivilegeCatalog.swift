import StrataSchema

/// `pg_default_acl` (`ALTER DEFAULT PRIVILEGES`): global entries and entries for the
/// schemas read. The role Strata connects as comes back as NULL (written without
/// `FOR ROLE`), and in the entries that role is the owner marker.
enum DefaultPrivilegeCatalog: CatalogQuery {
    static let name = "default privileges"
    static let sql = #"""
        SELECT CASE WHEN d.defaclrole = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN NULL
                    ELSE pg_get_userbyid(d.defaclrole)::text END,
               n.nspname, d.defaclobjtype::text,
               (SELECT json_agg(json_build_array(
                           CASE WHEN x.grantee = 0 THEN 'p' WHEN x.grantee = d.defaclrole THEN 'o' ELSE 'r' END,
                           CASE WHEN x.grantee = 0 OR x.grantee = d.defaclrole THEN '' ELSE pg_get_userbyid(x.grantee)::text END,
                           x.privilege_type, CASE WHEN x.is_grantable THEN 't' ELSE 'f' END))
                FROM aclexplode(d.defaclacl) x)
        FROM pg_default_acl d
        LEFT JOIN user_namespace n ON n.oid = d.defaclnamespace
        WHERE d.defaclnamespace = 0 OR n.oid IS NOT NULL
        """#

    static func item(_ row: CatalogRow) throws -> DefaultPrivileges {
        let kind: DefaultPrivileges.Kind
        switch try row.string(2) {
        case "r": kind = .tables
        case "S": kind = .sequences
        case "f": kind = .functions
        case "T": kind = .types
        case "n": kind = .schemas
        case let other: throw row.unexpected(2, "is the object type \"\(other)\"")
        }
        return DefaultPrivileges(
            role: row.optionalString(0), schema: row.optionalString(1), kind: kind,
            grants: try PrivilegeCatalog.grants(row, 3) ?? []
        )
    }
}
