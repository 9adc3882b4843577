import StrataSchema

extension PlanBuilder {
    /// Privileges, default privileges and owners, after every object is planned:
    /// `ALTER DEFAULT PRIVILEGES` first (before the objects the plan creates, so that the
    /// privileges those start with are the target's), then owners, then `GRANT`s and
    /// `REVOKE`s from what each object has — its source privileges if it survives, what a
    /// new object starts with if the plan creates or re-creates it — to its target ones.
    mutating func planPrivilegesAndOwners() {
        let old = PrivilegeIndex(source.schema), new = PrivilegeIndex(target.schema)
        let defaultSteps = planDefaultPrivileges(old, new)
        let ownerSteps = planOwners(old, new)
        planObjectPrivileges(old, new, ownerSteps: ownerSteps)
        for index in steps.steps.indices where steps.steps[index].change.action == "create" {
            let object = steps.steps[index].change.object
            guard let kind = DefaultPrivileges.Kind(for: object) else { continue }
            let schema = PrivilegeIndex.schemaName(of: object)
            for (key, step) in defaultSteps where key.role == nil && key.kind == kind && (key.schema == nil || key.schema == schema) {
                steps.order(step, before: index)
            }
        }
    }

    // MARK: Default privileges

    private mutating func planDefaultPrivileges(_ old: PrivilegeIndex, _ new: PrivilegeIndex) -> [(DefaultPrivileges.Key, Int)] {
        var made: [(DefaultPrivileges.Key, Int)] = []
        for key in Set(old.defaults.keys).union(new.defaults.keys).sorted() {
            // Entries for a schema the plan drops go with it.
            if let schema = key.schema, !target.contains(.namespace(schema)) { continue }
            let changes = Self.privilegeChanges(from: old.defaultGrants(key), to: new.defaultGrants(key))
            for change in changes {
                let planned: SchemaChange
                switch change.kind {
                case .grant(let option):
                    planned = .grantDefaultPrivileges(key, privileges: change.privileges, to: change.grantee, withGrantOption: option)
                case .revoke(let optionOnly):
                    planned = .revokeDefaultPrivileges(key, privileges: change.privileges, from: change.grantee, grantOptionOnly: optionOnly)
                }
                var step = PlanStep(change: planned)
                if let schema = key.schema { step.requires = [.namespace(schema)] }
                made.append((key, steps.append(step)))
            }
        }
        return made
    }

    // MARK: Owners

    /// `ALTER … OWNER TO` for objects whose owner differs, and for objects the plan
    /// creates (which belong to the role the plan runs as), when owners are compared.
    /// Sequences owned by a column follow their table's owner.
    private mutating func planOwners(_ old: PrivilegeIndex, _ new: PrivilegeIndex) -> [ObjectID: Int] {
        var made: [ObjectID: Int] = [:]
        for (id, role) in new.owners.sorted(by: { $0.key < $1.key }) where target.contains(id) {
            if case .sequence(let name) = id, target.sequences[name]?.ownedBy != nil { continue }
            let survives = survivesWithPrivileges(id)
            if survives, old.owners[id] == role { continue }
            guard let object = privilegeTarget(id, ownerRole: role) else { continue }
            var step = PlanStep(change: .setObjectOwner(object, role: role, onExistingObject: survives))
            step.requires = [id]
            made[id] = steps.append(step)
        }
        return made
    }

    // MARK: Objects

    private mutating func planObjectPrivileges(_ old: PrivilegeIndex, _ new: PrivilegeIndex, ownerSteps: [ObjectID: Int]) {
        var candidates = Set(old.privileges.keys).union(new.privileges.keys)
        // Everything the plan creates or re-creates starts afresh (columns start with none).
        for id in target.objects where ObjectPrivileges.builtInDefault(for: id) != nil {
            if case .column = id { continue }
            if !survivesWithPrivileges(id) { candidates.insert(id) }
        }
        for id in candidates.sorted() where existsInTarget(id) {
            let survives = survivesWithPrivileges(id)
            let before = survives ? old.grants(on: id) : new.initialGrants(for: id)
            let after = new.grants(on: id)
            if before == after { continue }
            let relation: ObjectID? = id.table.map { table in target.views[table] != nil ? .view(table) : .table(table) }
            guard let object = privilegeTarget(id, ownerRole: new.owners[relation ?? id]) else { continue }
            let ownerStep = ownerSteps[relation ?? id]
            for change in Self.privilegeChanges(from: before, to: after) {
                let planned: SchemaChange
                switch change.kind {
                case .grant(let option):
                    planned = .grant(object, privileges: change.privileges, to: change.grantee, withGrantOption: option)
                case .revoke(let optionOnly):
                    planned = .revoke(object, privileges: change.privileges, from: change.grantee, grantOptionOnly: optionOnly, onExistingObject: survives)
                }
                var step = PlanStep(change: planned)
                if let relation, case .view = relation { step.requires = [relation] } else { step.requires = [id] }
                let index = steps.append(step)
                if let ownerStep { steps.order(ownerStep, before: index) }
            }
        }
    }

    /// Whether the object is there before and after the plan with its privileges: kept,
    /// or for a column of a view, a column of a kept view (`CREATE OR REPLACE` keeps them).
    private func survivesWithPrivileges(_ id: ObjectID) -> Bool {
        if case .column(let table, let column) = id, source.views[table] != nil || target.views[table] != nil {
            return isKept(.view(table)) && source.views[table]?.columns.contains { $0.name == column } == true
        }
        return isKept(id)
    }

    private func existsInTarget(_ id: ObjectID) -> Bool {
        if case .column(let table, let column) = id, let view = target.views[table] {
            return view.columns.contains { $0.name == column }
        }
        return target.contains(id)
    }

    /// How `GRANT` and `ALTER … OWNER TO` name the object; nil for kinds without either.
    private func privilegeTarget(_ id: ObjectID, ownerRole: String?) -> PrivilegeTarget? {
        let keyword: String
        switch id {
        case .namespace: keyword = "SCHEMA"
        case .table, .column: keyword = "TABLE"
        case .view(let name):
            keyword = (target.views[name] ?? source.views[name])?.isMaterialized == true ? "MATERIALIZED VIEW" : "VIEW"
        case .sequence: keyword = "SEQUENCE"
        case .routine: keyword = (target.routines[id] ?? source.routines[id])?.kind == .aggregate ? "AGGREGATE" : "ROUTINE"
        case .type(let name): keyword = (target.domains[name] ?? source.domains[name]) != nil ? "DOMAIN" : "TYPE"
        case .collation: keyword = "COLLATION"
        case .statistics: keyword = "STATISTICS"
        case .operator: keyword = "OPERATOR"
        case .textSearchConfiguration: keyword = "TEXT SEARCH CONFIGURATION"
        case .textSearchDictionary: keyword = "TEXT SEARCH DICTIONARY"
        case .extension, .constraint, .index, .trigger, .policy, .defaultPrivileges, .rule, .cast: return nil
        }
        return PrivilegeTarget(keyword: keyword, object: id, ownerRole: ownerRole)
    }

    // MARK: Comparing grants

    /// One statement's worth of change for one grantee.
    struct PrivilegeChange: Equatable {
        enum Kind: Equatable {
            /// `GRANT`, with or without the grant option.
            case grant(withGrantOption: Bool)
            /// `REVOKE`, or only `REVOKE GRANT OPTION FOR`.
            case revoke(grantOptionOnly: Bool)
        }
        var kind: Kind
        var grantee: Grantee
        var privileges: [String]
    }

    /// The `REVOKE`s and `GRANT`s that turn one set of grants into another, one per
    /// grantee and kind of statement: every revoke first, then the grants, grantees in
    /// order, each with its privileges sorted.
    static func privilegeChanges(from before: [PrivilegeGrant], to after: [PrivilegeGrant]) -> [PrivilegeChange] {
        var old: [Grantee: [String: Bool]] = [:], new: [Grantee: [String: Bool]] = [:]
        for grant in before { old[grant.grantee, default: [:]][grant.privilege] = grant.withGrantOption }
        for grant in after { new[grant.grantee, default: [:]][grant.privilege] = grant.withGrantOption }
        let grantees = Set(old.keys).union(new.keys).sorted()
        var changes: [PrivilegeChange] = []
        func add(_ kind: PrivilegeChange.Kind, _ select: (_ had: [String: Bool], _ has: [String: Bool]) -> [String]) {
            for grantee in grantees {
                let privileges = select(old[grantee] ?? [:], new[grantee] ?? [:])
                if !privileges.isEmpty { changes.append(PrivilegeChange(kind: kind, grantee: grantee, privileges: privileges.sorted())) }
            }
        }
        add(.revoke(grantOptionOnly: false)) { had, has in had.keys.filter { has[$0] == nil } }
        add(.revoke(grantOptionOnly: true)) { had, has in had.keys.filter { had[$0] == true && has[$0] == false } }
        add(.grant(withGrantOption: false)) { had, has in has.keys.filter { has[$0] == false && had[$0] == nil } }
        add(.grant(withGrantOption: true)) { had, has in has.keys.filter { has[$0] == true && had[$0] != true } }
        return changes
    }
}
