import StrataSchema

/// A partition's copies of its parent's keys, foreign keys, checks and indexes.
///
/// PostgreSQL makes them itself: when the partition is created, when the parent gains the
/// key or index, and when a table is attached — then adopting an equivalent key or index
/// the table already has instead of creating one. It names a copy it creates after the
/// partition (``PartitionCopyName``), and a detached partition keeps its copies as its own.
/// So a plan never adds a copy as such: it keeps or renames an equivalent the table has,
/// creates one under the wanted name before PostgreSQL would create it under another, or
/// renames a copy whose name differs.
extension PlanBuilder {
    /// Constraints and indexes of a kept table: its own ones by name, a partition's copies
    /// by the parent's object they copy. `attachStep` is the step that attaches the table
    /// to a (new) parent.
    mutating func planMembers(_ old: Table, _ new: Table, attachStep: Int?) {
        let oldParent = old.partitionOf?.parent, newParent = new.partitionOf?.parent
        let staysPartition = oldParent != nil && oldParent == newParent
        let isDetached = oldParent != nil && !staysPartition
        // Constraints inherited through INHERITS follow the parent when both sides inherit.
        let inheritsBoth = !old.inherits.isEmpty && !new.inherits.isEmpty
        func isOwn(_ constraint: Constraint, _ table: Table) -> Bool {
            SchemaCatalog.origin(of: constraint, in: table) == nil && (constraint.isLocal || !inheritsBoth)
        }
        let oldCopies = old.constraints.filter { SchemaCatalog.origin(of: $0, in: old) != nil }
        var oldOwn = old.constraints.filter { isOwn($0, old) }
        if isDetached { oldOwn += oldCopies }
        let newOwn = new.constraints.filter { isOwn($0, new) }
        var available = oldOwn.filter { own in !newOwn.contains { $0.name == own.name } }
        for copy in new.constraints {
            guard let origin = SchemaCatalog.origin(of: copy, in: new) else { continue }
            if staysPartition, isKept(origin), let oldCopy = oldCopies.first(where: { SchemaCatalog.origin(of: $0, in: old) == origin }) {
                if oldCopy.name != copy.name { renameConstraint(new.name, from: oldCopy, to: copy) }
                commentChange(.constraint(new.name, copy.name), from: oldCopy.comment, to: copy.comment, recreated: false)
            } else {
                arrive(copy, on: new, attaching: !staysPartition, available: &available, attachStep: attachStep)
            }
        }
        let keptOld = oldOwn.filter { own in newOwn.contains { $0.name == own.name } || available.contains(own) }
        planConstraints(table: new.name, old: keptOld, new: newOwn)

        let oldIndexCopies = old.indexes.filter { $0.parentIndex != nil }
        var oldOwnIndexes = old.indexes.filter { $0.parentIndex == nil }
        if isDetached { oldOwnIndexes += oldIndexCopies }
        let newOwnIndexes = new.indexes.filter { $0.parentIndex == nil }
        var availableIndexes = oldOwnIndexes.filter { own in !newOwnIndexes.contains { $0.name == own.name } }
        for copy in new.indexes {
            guard let parent = copy.parentIndex else { continue }
            if staysPartition, isKept(.index(parent)), let oldCopy = oldIndexCopies.first(where: { $0.parentIndex == parent }) {
                if oldCopy.name != copy.name { renameIndex(oldCopy, to: copy) }
                commentChange(.index(copy.name), from: oldCopy.comment, to: copy.comment, recreated: false)
            } else {
                arrive(copy, on: new, available: &availableIndexes, attachStep: attachStep)
            }
        }
        let keptOldIndexes = oldOwnIndexes.filter { own in newOwnIndexes.contains { $0.name == own.name } || availableIndexes.contains(own) }
        planIndexes(old: keptOldIndexes, new: newOwnIndexes, owner: .table(new.name))
    }

    /// A copy of a parent's constraint that comes into being during the plan (with the
    /// parent's constraint, or when the table is attached): an equivalent the table has is
    /// kept (same name) or renamed; otherwise one is created under the copy's name when
    /// PostgreSQL would choose another, or when it must exist before the attach (a check).
    private mutating func arrive(_ copy: Constraint, on table: Table, attaching: Bool, available: inout [Constraint], attachStep: Int?) {
        let name = table.name
        let equivalent = { (own: Constraint) in own.kind == copy.kind && own.definition == copy.definition }
        if let same = available.firstIndex(where: { $0.name == copy.name && equivalent($0) }) {
            let own = available.remove(at: same)
            commentChange(.constraint(name, copy.name), from: own.comment, to: copy.comment, recreated: false)
        } else if let other = available.firstIndex(where: equivalent) {
            let own = available.remove(at: other)
            renameConstraint(name, from: own, to: copy)
            commentChange(.constraint(name, copy.name), from: own.comment, to: copy.comment, recreated: false)
        } else if (attaching && copy.kind == .check) || !Self.isChosenByPostgres(copy, partition: name.name) {
            addConstraint(name, copy)
        } else {
            let comment = commentStep(.constraint(name, copy.name), copy.comment)
            if let attachStep, let comment { steps.order(attachStep, before: comment) }
        }
    }

    /// The same for a copy of a parent's index (PostgreSQL creates a missing index itself
    /// when the table is attached).
    private mutating func arrive(_ copy: Index, on table: Table, available: inout [Index], attachStep: Int?) {
        let equivalent = { (own: Index) in own.isUnique == copy.isUnique && Self.indexBody(own) == Self.indexBody(copy) }
        if let same = available.firstIndex(where: { $0.name == copy.name && equivalent($0) }) {
            let own = available.remove(at: same)
            commentChange(.index(copy.name), from: own.comment, to: copy.comment, recreated: false)
        } else if let other = available.firstIndex(where: equivalent) {
            let own = available.remove(at: other)
            renameIndex(own, to: copy)
            commentChange(.index(copy.name), from: own.comment, to: copy.comment, recreated: false)
        } else if !PartitionCopyName(index: copy, partition: table.name.name).matches(copy.name.name) {
            createIndex(copy, existing: true)
        } else {
            let comment = commentStep(.index(copy.name), copy.comment)
            if let attachStep, let comment { steps.order(attachStep, before: comment) }
        }
    }

    /// The copies a new partition gets from its parent when it is created: those whose
    /// names PostgreSQL does not choose are renamed from the name it does choose.
    mutating func planCopiesOfNewPartition(_ table: Table) {
        let name = table.name
        for copy in table.constraints {
            guard let origin = SchemaCatalog.origin(of: copy, in: table) else { continue }
            if !Self.isChosenByPostgres(copy, partition: name.name) {
                let chosen: String
                if let rule = PartitionCopyName(constraint: copy, partition: name.name) {
                    chosen = rule.chosen(isTaken: isTakenName(in: name.schema))
                } else {
                    chosen = origin.name
                }
                var current = copy
                current.name = chosen
                current.indexName = current.indexName.map { _ in chosen }
                let step = renameConstraint(name, from: current, to: copy, isNew: true)
                steps.update(step) { $0.requires.insert(origin) }
            }
            commentIfAny(.constraint(name, copy.name), copy.comment)
        }
        for copy in table.indexes {
            guard let parent = copy.parentIndex else { continue }
            let rule = PartitionCopyName(index: copy, partition: name.name)
            if !rule.matches(copy.name.name) {
                var current = copy
                current.name = QualifiedName(copy.name.schema, rule.chosen(isTaken: isTakenName(in: name.schema)))
                let step = renameIndex(current, to: copy, isNew: true)
                steps.update(step) { $0.requires.formUnion([.table(name), .index(parent)]) }
            }
            commentIfAny(.index(copy.name), copy.comment)
        }
    }

    /// Whether PostgreSQL would give a copy of `constraint` this name itself.
    static func isChosenByPostgres(_ copy: Constraint, partition: String) -> Bool {
        if let rule = PartitionCopyName(constraint: copy, partition: partition) { return rule.matches(copy.name) }
        // A foreign key's or check's copy takes the parent's name.
        return copy.parentConstraint.map { $0 == copy.name } ?? true
    }

    /// `USING method (…) …`: an index's definition without its name and table.
    static func indexBody(_ index: Index) -> Substring {
        guard let using = index.definition.range(of: " USING ") else { return index.definition[...] }
        return index.definition[using.lowerBound...]
    }

    // MARK: Steps

    /// Renames a key (through its index), foreign key or check; `isNew` when the old name
    /// is not in the source schema (a copy PostgreSQL creates during the plan).
    @discardableResult
    private mutating func renameConstraint(_ table: QualifiedName, from old: Constraint, to new: Constraint, isNew: Bool = false) -> Int {
        let change: SchemaChange = [.primaryKey, .unique, .exclusion].contains(old.kind)
            ? .renameIndex(QualifiedName(table.schema, old.indexName ?? old.name), to: new.indexName ?? new.name)
            : .renameConstraint(table, from: old.name, to: new.name)
        var step = PlanStep(change: change)
        let oldID = ObjectID.constraint(table: table, name: old.name), newID = ObjectID.constraint(table: table, name: new.name)
        if !isNew {
            step.removes = [oldID]
            step.releasesNames = Set([source.relationSlot(of: oldID)].compactMap { $0 })
        }
        step.adds = [newID]
        step.requires = [.table(table)]
        step.takesNames = Set([target.relationSlot(of: newID)].compactMap { $0 })
        return steps.append(step)
    }

    @discardableResult
    private mutating func renameIndex(_ old: Index, to new: Index, isNew: Bool = false) -> Int {
        var step = PlanStep(change: .renameIndex(old.name, to: new.name.name))
        if !isNew {
            step.removes = [.index(old.name)]
            step.releasesNames = [old.name]
        }
        step.adds = [.index(new.name)]
        step.requires = [.table(new.table)]
        step.takesNames = [new.name]
        return steps.append(step)
    }

    /// A comment step when there is a comment; its index.
    private mutating func commentStep(_ target: CommentTarget, _ text: String?) -> Int? {
        text.map { comment(target, $0) }
    }

    /// Whether a relation or constraint name is in use in `schema` on either side of the
    /// plan (what PostgreSQL avoids when it chooses a copy's name).
    private func isTakenName(in schema: String) -> (String) -> Bool {
        { name in
            let relation = QualifiedName(schema, name)
            for catalog in [source, target] {
                if catalog.tables[relation] != nil || catalog.views[relation] != nil || catalog.sequences[relation] != nil
                    || catalog.indexes[relation] != nil || catalog.composites[relation] != nil {
                    return true
                }
                for table in catalog.tables.values where table.name.schema == schema {
                    if table.constraints.contains(where: { $0.name == name || $0.indexName == name }) { return true }
                }
            }
            return false
        }
    }
}
