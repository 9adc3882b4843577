import StrataSchema

extension SchemaImport {
    /// Privileges, default privileges and owners have no place in the model format: each
    /// is listed as skipped (they are read only when `compare:` asks for them), to be kept
    /// in a `.sql` file of the schema folder.
    mutating func skipPrivilegesAndOwners() {
        for item in schema.privileges {
            let reason = "privileges are not in the model format (GRANT them in a .sql file): "
            skip("privileges on \(item.object.kind)", item.object.name, reason + Self.describe(item.grants))
        }
        for item in schema.defaultPrivileges {
            let id = ObjectID.defaultPrivileges(item.key)
            let reason = "default privileges are not in the model format (ALTER DEFAULT PRIVILEGES in a .sql file): "
            skip("default privileges", id.name, reason + Self.describe(item.grants))
        }
        for item in schema.owners {
            skip("owner of \(item.object.kind)", item.object.name, "owners are not in the model format (ALTER … OWNER TO \(item.role) in a .sql file)")
        }
    }

    private static func describe(_ grants: [PrivilegeGrant]) -> String {
        grants.isEmpty ? "none" : grants.map(\.description).joined(separator: ", ")
    }
}
