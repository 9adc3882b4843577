import StrataSQL
import StrataSchema

extension PlanBuilder {
    /// Decides which objects are rebuilt, which columns change type, which types are rebuilt,
    /// and then cascades: whatever depends (in the source graph) on something dropped or
    /// rebuilt is dropped first and created again after, even when unchanged itself.
    mutating func classify() {
        classifyTables()
        classifyTypes()
        classifyViewsAndRoutines()
        classifyObjects()
        classifyMembers()
        cascade()
    }

    private mutating func classifyTables() {
        for (name, new) in target.tables {
            guard let old = source.tables[name] else { continue }
            if old.kind != new.kind || old.partitionKey != new.partitionKey {
                rebuildTable(old)
                continue
            }
            for column in new.columns {
                guard let oldColumn = old.column(column.name) else { continue }
                let id = ObjectID.column(table: name, name: column.name)
                if column.generatedExpression != nil, column.generatedExpression != oldColumn.generatedExpression {
                    rebuilt.insert(id)
                } else if column.type != oldColumn.type || column.collation != oldColumn.collation {
                    retyped.insert(id)
                }
            }
        }
    }

    mutating func rebuildTable(_ table: Table) {
        rebuilt.insert(.table(table.name))
        for member in source.members(of: table) where target.contains(member) { rebuilt.insert(member) }
    }

    private mutating func classifyTypes() {
        for (name, new) in target.enums {
            guard let old = source.enums[name] else { continue }
            if !Self.isSubsequence(old.labels, of: new.labels) { rebuiltTypes[name] = temporaryName(for: name) }
        }
        for (name, new) in target.domains {
            guard let old = source.domains[name] else { continue }
            if old.baseType != new.baseType || old.collation != new.collation { rebuiltTypes[name] = temporaryName(for: name) }
        }
        for (name, new) in target.composites {
            guard let old = source.composites[name] else { continue }
            // PostgreSQL refuses to change the attributes of a type that a column stores.
            let storedInColumns = source.dependents(of: .type(name)).contains { if case .column = $0 { return true } else { return false } }
            if old.attributes != new.attributes, storedInColumns || !Self.canAlterInPlace(old, to: new) {
                rebuiltTypes[name] = temporaryName(for: name)
            }
        }
        // A type that changes kind (an enum becoming a domain) is dropped and created.
        var targetTypes = Set(target.enums.keys)
        targetTypes.formUnion(target.domains.keys)
        targetTypes.formUnion(target.composites.keys)
        targetTypes.formUnion(target.ranges.keys)
        for name in targetTypes where source.contains(.type(name)) {
            if typeKind(name, in: source) != typeKind(name, in: target) { rebuilt.insert(.type(name)) }
        }
        for (name, new) in target.ranges {
            guard let old = source.ranges[name] else { continue }
            var oldCompared = old, newCompared = new
            oldCompared.comment = nil
            newCompared.comment = nil
            if oldCompared != newCompared { rebuilt.insert(.type(name)) }
        }
        for (name, new) in target.collations {
            guard let old = source.collations[name] else { continue }
            var oldCompared = old, newCompared = new
            oldCompared.comment = nil
            newCompared.comment = nil
            if oldCompared != newCompared { rebuilt.insert(.collation(name)) }
        }
    }

    private func typeKind(_ name: QualifiedName, in catalog: SchemaCatalog) -> Int {
        if catalog.enums[name] != nil { return 0 }
        if catalog.domains[name] != nil { return 1 }
        if catalog.ranges[name] != nil { return 3 }
        return 2
    }

    /// A name for the old type while the new one is created: `<name>__strata_old`.
    private func temporaryName(for name: QualifiedName) -> String {
        var candidate = name.name + "__strata_old"
        var counter = 1
        while source.contains(.type(QualifiedName(name.schema, candidate))) || target.contains(.type(QualifiedName(name.schema, candidate))) {
            counter += 1
            candidate = name.name + "__strata_old\(counter)"
        }
        return candidate
    }

    static func isSubsequence(_ labels: [String], of other: [String]) -> Bool {
        var iterator = other.makeIterator()
        return labels.allSatisfy { label in
            while let next = iterator.next() { if next == label { return true } }
            return false
        }
    }

    /// In place when the kept attributes stay in order, new ones are appended, and no
    /// attribute changes only its collation.
    static func canAlterInPlace(_ old: CompositeType, to new: CompositeType) -> Bool {
        let newNames = Set(new.attributes.map(\.name))
        let kept = old.attributes.filter { newNames.contains($0.name) }
        guard new.attributes.count >= kept.count else { return false }
        for (index, attribute) in kept.enumerated() where new.attributes[index].name != attribute.name { return false }
        return true
    }

    /// Statistics objects, casts, operators and text search objects that changed in a way
    /// no `ALTER` expresses are dropped and created again.
    private mutating func classifyObjects() {
        for (name, new) in target.statistics {
            guard let old = source.statistics[name] else { continue }
            if old.definition != new.definition || old.table != new.table { rebuilt.insert(new.id) }
        }
        for (id, new) in target.casts {
            guard let old = source.casts[id] else { continue }
            if old.method != new.method || old.context != new.context { rebuilt.insert(id) }
        }
        for (id, new) in target.operators {
            guard let old = source.operators[id] else { continue }
            if old.function != new.function || old.clauses != new.clauses { rebuilt.insert(id) }
        }
        for (name, new) in target.textSearchDictionaries {
            guard let old = source.textSearchDictionaries[name] else { continue }
            if old.template != new.template || old.options != new.options { rebuilt.insert(.textSearchDictionary(name)) }
        }
        for (name, new) in target.textSearchConfigurations {
            guard let old = source.textSearchConfigurations[name] else { continue }
            if old.parser != new.parser { rebuilt.insert(.textSearchConfiguration(name)) }
        }
    }

    private mutating func classifyViewsAndRoutines() {
        for (name, new) in target.views {
            guard let old = source.views[name], old != new else { continue }
            if old.isMaterialized || new.isMaterialized {
                var oldCompared = old, newCompared = new
                oldCompared.comment = nil
                newCompared.comment = nil
                oldCompared.indexes = []
                newCompared.indexes = []
                oldCompared.triggers = []
                newCompared.triggers = []
                oldCompared.rules = []
                newCompared.rules = []
                for index in oldCompared.columns.indices { oldCompared.columns[index].comment = nil }
                for index in newCompared.columns.indices { newCompared.columns[index].comment = nil }
                if oldCompared != newCompared { rebuilt.insert(.view(name)) }
            } else if !Self.canReplace(old, with: new) {
                rebuilt.insert(.view(name))
            }
        }
        for (id, new) in target.routines {
            guard let old = source.routines[id] else { continue }
            if old.kind != new.kind || old.returns != new.returns { rebuilt.insert(id) }
        }
    }

    /// `CREATE OR REPLACE VIEW` keeps the old columns (same names and types, in order) and
    /// may only append new ones.
    static func canReplace(_ old: View, with new: View) -> Bool {
        guard new.columns.count >= old.columns.count else { return false }
        for (index, column) in old.columns.enumerated() {
            if new.columns[index].name != column.name || new.columns[index].type != column.type { return false }
        }
        return true
    }

    private mutating func classifyMembers() {
        for (name, new) in target.tables {
            guard let old = source.tables[name], !rebuilt.contains(.table(name)) else { continue }
            for constraint in new.constraints {
                guard let oldConstraint = old.constraints.first(where: { $0.name == constraint.name }) else { continue }
                if Self.constraintNeedsRebuild(oldConstraint, constraint) { rebuilt.insert(.constraint(table: name, name: constraint.name)) }
            }
            for index in new.indexes {
                guard let oldIndex = old.indexes.first(where: { $0.name == index.name }) else { continue }
                if Self.indexNeedsRebuild(oldIndex, index) { rebuilt.insert(.index(index.name)) }
            }
            for trigger in new.triggers {
                guard let oldTrigger = old.triggers.first(where: { $0.name == trigger.name }) else { continue }
                if oldTrigger.definition != trigger.definition { rebuilt.insert(.trigger(table: name, name: trigger.name)) }
            }
            for policy in new.policies {
                guard let oldPolicy = old.policies.first(where: { $0.name == policy.name }) else { continue }
                if Self.policyNeedsRebuild(oldPolicy, policy) { rebuilt.insert(.policy(table: name, name: policy.name)) }
            }
        }
        for (name, new) in target.views {
            guard let old = source.views[name], !rebuilt.contains(.view(name)) else { continue }
            for index in new.indexes {
                guard let oldIndex = old.indexes.first(where: { $0.name == index.name }) else { continue }
                if Self.indexNeedsRebuild(oldIndex, index) { rebuilt.insert(.index(index.name)) }
            }
            for trigger in new.triggers {
                guard let oldTrigger = old.triggers.first(where: { $0.name == trigger.name }) else { continue }
                if oldTrigger.definition != trigger.definition { rebuilt.insert(.trigger(table: name, name: trigger.name)) }
            }
        }
    }

    /// Rebuilt unless equal or only validated (`NOT VALID` → valid, which `VALIDATE CONSTRAINT` does).
    static func constraintNeedsRebuild(_ old: Constraint, _ new: Constraint) -> Bool {
        if old.definition == new.definition { return false }
        return !(isValidation(from: old, to: new))
    }

    static func isValidation(from old: Constraint, to new: Constraint) -> Bool {
        !old.isValidated && new.isValidated && old.definition == new.definition + " NOT VALID"
    }

    static func indexNeedsRebuild(_ old: Index, _ new: Index) -> Bool {
        old.definition != new.definition || (!old.isValid && new.isValid)
    }

    /// `ALTER POLICY` cannot change the command or permissiveness, nor remove a clause.
    static func policyNeedsRebuild(_ old: Policy, _ new: Policy) -> Bool {
        old.command != new.command || old.isPermissive != new.isPermissive
            || (old.using != nil && new.using == nil) || (old.withCheck != nil && new.withCheck == nil)
    }

    // MARK: Cascade

    private mutating func cascade() {
        var broken: [ObjectID] = []
        for id in source.objects {
            switch id {
            case .namespace, .extension: continue
            default: break
            }
            if !target.contains(id) || rebuilt.contains(id) || retyped.contains(id) { broken.append(id) }
        }
        for name in rebuiltTypes.keys { broken.append(.type(name)) }
        var visited = Set(broken)
        while let cause = broken.popLast() {
            for dependent in source.dependents(of: cause).sorted() where target.contains(dependent) {
                if markBroken(dependent, because: cause), visited.insert(dependent).inserted { broken.append(dependent) }
                // Members of a table rebuilt by the cascade go with it.
                if case .table(let name) = dependent, rebuilt.contains(dependent), let table = source.tables[name] {
                    for member in source.members(of: table) where visited.insert(member).inserted { broken.append(member) }
                }
            }
        }
    }

    /// Decides what happens to `dependent` when `cause` is dropped, rebuilt or retyped;
    /// true when `dependent` itself breaks.
    private mutating func markBroken(_ dependent: ObjectID, because cause: ObjectID) -> Bool {
        if rebuilt.contains(dependent) { return false }
        let causeIsRetypedColumn = retyped.contains(cause) && !rebuilt.contains(cause) && target.contains(cause)
        switch dependent {
        case .view, .routine, .trigger, .policy, .rule, .statistics, .cast, .operator, .textSearchConfiguration,
             .textSearchDictionary:
            rebuilt.insert(dependent)
            return true
        case .constraint, .index:
            // PostgreSQL rebuilds indexes and constraints on a column whose type changes.
            if causeIsRetypedColumn { return false }
            if source.owner(of: dependent) == cause { return false }
            rebuilt.insert(dependent)
            return true
        case .column(let table, let name):
            guard let column = source.tables[table]?.column(name) else { return false }
            switch cause {
            case .type(let type) where rebuiltTypes[type] != nil:
                retyped.insert(dependent)
                return true
            case .type where rebuilt.contains(cause):
                // A type dropped and created again (a changed range type, a type that changes
                // kind) takes the columns that store it: they are dropped and added again.
                rebuilt.insert(dependent)
                return true
            case .sequence, .routine:
                if column.generatedExpression != nil {
                    rebuilt.insert(dependent)
                    return true
                }
                resetDefaults.insert(dependent)
                return false
            case .column:
                if column.generatedExpression != nil {
                    rebuilt.insert(dependent)
                    return true
                }
                return false
            default:
                return false
            }
        case .table(let name):
            // A partition or child whose parent is dropped and created again goes with it.
            guard case .table = cause, let table = source.tables[name], rebuilt.contains(cause) else { return false }
            rebuildTable(table)
            return true
        default:
            return false
        }
    }
}
