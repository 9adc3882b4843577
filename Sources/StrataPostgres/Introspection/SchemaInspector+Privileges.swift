import StrataSchema

extension SchemaInspector {
    /// Adds the privileges, default privileges and owners that ``Options/comparison`` asked
    /// to read, resolving catalog addresses with what the object queries registered: a kind
    /// the resolver knows gets its privileges and owner read without a change here.
    func addPrivilegesAndOwners(
        privileges privilegeItems: [PrivilegeCatalog.Item], defaultPrivileges: [DefaultPrivileges],
        owners ownerItems: [OwnerCatalog.Item], _ resolver: ObjectResolver, into schema: inout Schema
    ) {
        if options.comparison.privileges {
            var privileges: [ObjectID: [PrivilegeGrant]] = [:]
            for item in privilegeItems {
                guard let id = resolver.privilegedObject(item.address, column: item.column) else { continue }
                if Self.isDefault(item) { continue }
                privileges[id, default: []].append(contentsOf: item.grants)
            }
            schema.privileges = privileges.map { ObjectPrivileges(object: $0.key, grants: $0.value) }
            schema.defaultPrivileges = defaultPrivileges
        }
        if options.comparison.owners {
            var owners: [ObjectID: String] = [:]
            for (address, role) in ownerItems {
                if let id = resolver.ownedObject(address) { owners[id] = role }
            }
            schema.owners = owners.map { ObjectOwner(object: $0.key, role: $0.value) }
        }
    }

    /// Whether an ACL is what the object would have without any `GRANT` or `REVOKE`:
    /// its fallback (`acldefault` for its kind and owner; for the `public` schema, what
    /// `initdb` gives it), or no grants for a column.
    static func isDefault(_ item: PrivilegeCatalog.Item) -> Bool {
        item.grants == (item.fallback ?? [])
    }
}
