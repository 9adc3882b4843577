import StrataSchema

extension ObjectResolver {
    /// The object a privileges row stands for: the model's identity of the address, or
    /// for a column (`column` given) that column of the resolved table or view; nil for
    /// anything outside the model or of a kind that has no privileges.
    func privilegedObject(_ address: CatalogAddress, column: String?) -> ObjectID? {
        guard let entry = resolve(CatalogAddress(address.catalog, address.oid)) else { return nil }
        let id: ObjectID
        if let column, address.subID != 0 {
            switch entry.id {
            case .table(let name), .view(let name): id = .column(table: name, name: column)
            default: return nil
            }
        } else {
            id = entry.id
        }
        return ObjectPrivileges.builtInDefault(for: id) == nil ? nil : id
    }

    /// The object an owners row stands for; nil for anything outside the model or a
    /// member that shares its relation's owner (columns, constraints, indexes, triggers,
    /// policies, rules), or a cast (which has no owner of its own).
    func ownedObject(_ address: CatalogAddress) -> ObjectID? {
        guard let entry = resolve(address) else { return nil }
        switch entry.id {
        case .extension, .column, .constraint, .index, .trigger, .policy, .defaultPrivileges, .rule, .cast: return nil
        case .namespace, .collation, .type, .sequence, .table, .view, .routine, .statistics, .operator,
             .textSearchConfiguration, .textSearchDictionary:
            return entry.id
        }
    }
}
