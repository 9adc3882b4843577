import StrataSchema

/// The privileges, default privileges and owners of one schema, by identity, with what
/// a missing entry means.
struct PrivilegeIndex {
    private(set) var privileges: [ObjectID: [PrivilegeGrant]] = [:]
    private(set) var defaults: [DefaultPrivileges.Key: [PrivilegeGrant]] = [:]
    private(set) var owners: [ObjectID: String] = [:]

    init(_ schema: Schema) {
        for item in schema.privileges { privileges[item.object] = item.grants }
        for item in schema.defaultPrivileges { defaults[item.key] = item.grants }
        for item in schema.owners { owners[item.object] = item.role }
    }

    /// The privileges on an object: its entry, else the built-in default.
    func grants(on id: ObjectID) -> [PrivilegeGrant] {
        privileges[id] ?? ObjectPrivileges.builtInDefault(for: id) ?? []
    }

    /// An `ALTER DEFAULT PRIVILEGES` entry: as listed, else what its absence means.
    func defaultGrants(_ key: DefaultPrivileges.Key) -> [PrivilegeGrant] {
        defaults[key] ?? DefaultPrivileges.absent(key)
    }

    /// What an object gets when the plan creates it, as PostgreSQL computes it for the
    /// role the plan runs as: the global default privileges for its kind (else the
    /// built-in default), plus those for its schema. Columns start with none.
    func initialGrants(for id: ObjectID) -> [PrivilegeGrant] {
        guard let kind = DefaultPrivileges.Kind(for: id) else { return ObjectPrivileges.builtInDefault(for: id) ?? [] }
        let global = DefaultPrivileges.Key(role: nil, schema: nil, kind: kind)
        var grants = defaults[global] ?? ObjectPrivileges.builtInDefault(for: id) ?? []
        if let schema = Self.schemaName(of: id), let extra = defaults[DefaultPrivileges.Key(role: nil, schema: schema, kind: kind)] {
            grants = PrivilegeGrant.normalized(grants + extra)
        }
        return grants
    }

    /// The schema an object lives in, for default privileges limited to one; nil for a
    /// schema itself.
    static func schemaName(of id: ObjectID) -> String? {
        switch id {
        case .table(let name), .view(let name), .sequence(let name), .type(let name), .collation(let name), .index(let name),
             .statistics(let name), .textSearchConfiguration(let name), .textSearchDictionary(let name):
            return name.schema
        case .routine(let name, _), .operator(let name, _): return name.schema
        case .column(let table, _), .constraint(let table, _), .trigger(let table, _), .policy(let table, _), .rule(let table, _):
            return table.schema
        case .namespace, .extension, .defaultPrivileges, .cast: return nil
        }
    }
}
