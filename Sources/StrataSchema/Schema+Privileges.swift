extension Schema {
    /// Sorts ``privileges``, ``defaultPrivileges`` and ``owners`` by identity (their grants
    /// are sorted when made).
    mutating func sortPrivilegesAndOwners() {
        privileges.sort { $0.object < $1.object }
        for index in privileges.indices { privileges[index].grants = PrivilegeGrant.normalized(privileges[index].grants) }
        defaultPrivileges.sort { $0.key < $1.key }
        for index in defaultPrivileges.indices {
            defaultPrivileges[index].grants = PrivilegeGrant.normalized(defaultPrivileges[index].grants)
        }
        owners.sort { $0.object < $1.object }
    }

    /// The privileges on an object: its entry in ``privileges``, else the built-in default.
    public func privileges(on object: ObjectID) -> [PrivilegeGrant] {
        privileges.first { $0.object == object }?.grants ?? ObjectPrivileges.builtInDefault(for: object) ?? []
    }
}

extension Schema {
    /// Renames the objects that ``privileges`` and ``owners`` name, for a rename applied
    /// to the schema (a table or a column).
    public mutating func renamePrivilegedObjects(_ rename: (ObjectID) -> ObjectID) {
        for index in privileges.indices { privileges[index].object = rename(privileges[index].object) }
        for index in owners.indices { owners[index].object = rename(owners[index].object) }
    }
}
