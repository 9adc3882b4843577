import StrataSQL
import StrataSchema

extension PlanBuilder {
    mutating func planTables() {
        for name in target.tables.keys.sorted() {
            let new = target.tables[name]!
            if let old = source.tables[name] {
                if rebuilt.contains(.table(name)) {
                    dropTable(old, isRebuild: true)
                    createTable(new)
                } else {
                    alterTable(old, new)
                }
            } else {
                createTable(new)
            }
        }
        for name in source.tables.keys.sorted() where target.tables[name] == nil {
            dropTable(source.tables[name]!, isRebuild: false)
        }
    }

    // MARK: Drop

    private mutating func dropTable(_ table: Table, isRebuild: Bool) {
        // Foreign keys to other tables that are dropped too are dropped first, so that
        // tables referencing each other can go in any order.
        var explicitlyDropped: Set<ObjectID> = []
        for constraint in table.constraints where constraint.kind == .foreignKey && constraint.isLocal {
            guard let referenced = constraint.referencedTable, referenced != table.name, isRemoved(.table(referenced)) else { continue }
            let id = ObjectID.constraint(table: table.name, name: constraint.name)
            var step = PlanStep(change: .dropConstraint(table.name, name: constraint.name))
            step.removes = [id]
            step.frees = source.dependencies(of: id)
            steps.append(step)
            explicitlyDropped.insert(id)
        }
        var members = source.members(of: table).filter { !explicitlyDropped.contains($0) }
        for column in table.columns {
            members += (implicitlyDroppedSequences[.column(table: table.name, name: column.name)] ?? []).map { .sequence($0) }
        }
        drop(.dropTable(table.name, isRebuild: isRebuild), .table(table.name), members: members)
    }

    // MARK: Create

    /// `CREATE TABLE`, then what cannot be declared in it: foreign keys (after every table
    /// exists, so cycles work), `NOT VALID` constraints, indexes, triggers, policies, row
    /// security, comments, and column settings that differ from what a partition or child
    /// inherits.
    private mutating func createTable(_ table: Table) {
        let name = table.name
        let parents = target.parents(of: table)
        var declared = table
        declared.indexes = []
        declared.triggers = []
        declared.policies = []
        declared.rules = []
        declared.replicaIdentity = .default
        declared.rowSecurity = false
        declared.forceRowSecurity = false
        declared.comment = nil
        let inherited = inheritedColumns(of: table)
        if table.partitionOf != nil {
            declared.columns = []
        } else if parents.isEmpty {
            declared.columns = table.columns.map { column in
                var copy = Self.declared(column)
                copy.isLocal = true
                return copy
            }
        } else {
            declared.columns = table.columns.filter { $0.isLocal || inherited[$0.name] == nil }.map(Self.declared)
        }
        let inline = table.constraints.filter { isInlineConstraint($0, of: table) }
        declared.constraints = inline.map { constraint in
            var copy = constraint
            copy.comment = nil
            return copy
        }
        let inheritedConstraints = table.constraints.filter { !$0.isLocal && !parents.isEmpty }
        // A partition's copies of its parent's indexes come with it too.
        let members = table.columns.map { ObjectID.column(table: name, name: $0.name) }
            + (inline + inheritedConstraints).map { ObjectID.constraint(table: name, name: $0.name) }
            + table.indexes.filter { $0.parentIndex != nil }.map { ObjectID.index($0.name) }
        var parentColumns: Set<ObjectID> = []
        for parent in parents {
            for column in target.tables[parent]?.columns ?? [] { parentColumns.insert(.column(table: parent, name: column.name)) }
        }
        create(.createTable(declared), .table(name), members: members, extraNeeds: parentColumns)

        // Columns as created: declared ones as written, inherited ones as the parent has them.
        if !parents.isEmpty {
            let asCreated = table.columns.map { column -> Column in
                guard let parentColumn = inherited[column.name] else { return column }
                if column.isLocal, table.partitionOf == nil {
                    var merged = Self.declared(column)
                    merged.isNotNull = column.isNotNull || parentColumn.isNotNull
                    merged.defaultExpression = column.defaultExpression ?? parentColumn.defaultExpression
                    merged.storage = parentColumn.storage
                    merged.compression = parentColumn.compression
                    return merged
                }
                return Self.inheritedCopy(of: parentColumn)
            }
            planColumns(table: name, old: asCreated, new: table.columns, oldTable: nil)
        } else {
            for column in table.columns { planColumnSettings(table: name, old: Self.declared(column), new: column, after: []) }
        }
        for column in table.columns { commentIfAny(.column(name, column.name), column.comment) }
        for constraint in table.constraints where !inline.contains(constraint) && constraint.isLocal {
            var added = constraint
            added.comment = nil
            addConstraint(name, added)
        }
        for constraint in table.constraints where constraint.isLocal || parents.isEmpty {
            commentIfAny(.constraint(name, constraint.name), constraint.comment)
        }
        if table.partitionOf != nil { planCopiesOfNewPartition(table) }
        for index in table.indexes where index.parentIndex == nil { createIndex(index, existing: false) }
        for trigger in table.triggers { createTrigger(name, trigger) }
        for policy in table.policies { createPolicy(name, policy) }
        for rule in table.rules { createRule(name, rule) }
        if table.replicaIdentity != .default { setReplicaIdentity(table) }
        if table.rowSecurity { alter(.setRowSecurity(name, enabled: true), .table(name)) }
        if table.forceRowSecurity { alter(.setForceRowSecurity(name, forced: true), .table(name)) }
        commentIfAny(.table(name), table.comment)
    }

    /// A column as `CREATE TABLE` or `ADD COLUMN` declares it: without its comment and the
    /// settings that only `ALTER COLUMN` sets (options, statistics target, storage,
    /// compression).
    static func declared(_ column: Column) -> Column {
        var copy = column
        copy.comment = nil
        copy.options = []
        copy.statisticsTarget = nil
        copy.storage = nil
        copy.compression = nil
        return copy
    }

    /// A parent's column as a new partition or child gets it: PostgreSQL copies the storage
    /// and compression, not the options or statistics target, identity or comment.
    static func inheritedCopy(of parentColumn: Column) -> Column {
        var copy = parentColumn
        copy.isLocal = false
        copy.identity = nil
        copy.comment = nil
        copy.options = []
        copy.statisticsTarget = nil
        return copy
    }

    /// `REPLICA IDENTITY …`, after the index it names exists. It changes nothing other
    /// statements need, so it does not count as modifying the table (an index of the
    /// table may be created after the table's other changes and before this one).
    @discardableResult
    mutating func setReplicaIdentity(_ table: Table) -> Int {
        var step = PlanStep(change: .setReplicaIdentity(table.name, table.replicaIdentity))
        step.requires = [.table(table.name)]
        if case .index(let index) = table.replicaIdentity {
            let indexID = ObjectID.index(QualifiedName(table.name.schema, index))
            if let constraint = table.constraints.first(where: { $0.indexName == index }) {
                step.needs.insert(.constraint(table: table.name, name: constraint.name))
            } else {
                step.needs.insert(indexID)
            }
        }
        return steps.append(step)
    }

    /// Primary key, unique, check and exclusion constraints that are declared by the table
    /// itself and already valid go into `CREATE TABLE`; partitions get theirs afterwards.
    private func isInlineConstraint(_ constraint: Constraint, of table: Table) -> Bool {
        constraint.kind != .foreignKey && constraint.isLocal && constraint.isValidated && table.partitionOf == nil
    }

    /// The target columns a table gets from its parents, by name (the first parent wins).
    private func inheritedColumns(of table: Table) -> [String: Column] {
        var result: [String: Column] = [:]
        for parent in target.parents(of: table) {
            for column in target.tables[parent]?.columns ?? [] where result[column.name] == nil { result[column.name] = column }
        }
        return result
    }

    // MARK: Alter

    private mutating func alterTable(_ old: Table, _ new: Table) {
        let name = new.name
        let id = ObjectID.table(name)
        var membership: [Int] = []
        var attachStep: Int?
        if old.partitionOf != new.partitionOf {
            // A detached partition keeps its copies of the parent's keys and indexes as its
            // own: whatever changes them comes after. An attached one adopts equivalents it
            // has: whatever prepares them comes before.
            if let partition = old.partitionOf {
                let copies = Self.copyIDs(of: old)
                membership.append(alter(.detachPartition(parent: partition.parent, partition: name), id, frees: parentFootprint(partition.parent, child: old).union(copies)))
            }
            if let partition = new.partitionOf {
                let step = alter(.attachPartition(parent: partition.parent, partition: name, bound: partition.bound), id, needs: attachNeeds(name, partition.parent).union(Self.copyIDs(of: new)))
                membership.append(step)
                attachStep = step
            }
        }
        for parent in old.inherits where !new.inherits.contains(parent) {
            membership.insert(alter(.noInherit(name, parent: parent), id, frees: parentFootprint(parent, child: old)), at: 0)
        }
        for parent in new.inherits where !old.inherits.contains(parent) {
            membership.append(alter(.inherit(name, parent: parent), id, needs: attachNeeds(name, parent)))
        }
        steps.chain(membership)
        if old.isUnlogged != new.isUnlogged { alter(.setUnlogged(name, new.isUnlogged), id) }
        if old.rowSecurity != new.rowSecurity { alter(.setRowSecurity(name, enabled: new.rowSecurity), id) }
        if old.forceRowSecurity != new.forceRowSecurity { alter(.setForceRowSecurity(name, forced: new.forceRowSecurity), id) }
        let oldOptions = Dictionary(old.options.map(Self.splitOption), uniquingKeysWith: { first, _ in first })
        let newOptions = Dictionary(new.options.map(Self.splitOption), uniquingKeysWith: { first, _ in first })
        let reset = oldOptions.keys.filter { newOptions[$0] == nil }.sorted()
        if !reset.isEmpty { alter(.resetTableOptions(name, names: reset), id) }
        let set = new.options.filter { oldOptions[Self.splitOption($0).0] != Self.splitOption($0).1 }
        if !set.isEmpty { alter(.setTableOptions(name, options: set), id) }
        commentChange(.table(name), from: old.comment, to: new.comment, recreated: false)

        planColumns(table: name, old: columnsAfterParentChanges(old, new), new: new.columns, oldTable: old)
        planMembers(old, new, attachStep: attachStep)
        planTriggers(on: name, old: old.triggers, new: new.triggers)
        planPolicies(old, new)
        planRules(on: name, old: old.rules, new: new.rules)
        if old.replicaIdentity != new.replicaIdentity || replicaIdentityIndexIsRebuilt(new) { setReplicaIdentity(new) }
    }

    /// Whether the index a table's replica identity names is dropped and created again
    /// (which leaves the table without one until it is set again).
    private func replicaIdentityIndexIsRebuilt(_ table: Table) -> Bool {
        guard case .index(let index) = table.replicaIdentity else { return false }
        if rebuilt.contains(.index(QualifiedName(table.name.schema, index))) { return true }
        if let constraint = table.constraints.first(where: { $0.indexName == index }) {
            return rebuilt.contains(.constraint(table: table.name, name: constraint.name))
        }
        return false
    }

    /// A partition's copies of its parent's constraints and indexes.
    static func copyIDs(of table: Table) -> Set<ObjectID> {
        var result = Set<ObjectID>()
        for constraint in table.constraints where SchemaCatalog.origin(of: constraint, in: table) != nil {
            result.insert(.constraint(table: table.name, name: constraint.name))
        }
        for index in table.indexes where index.parentIndex != nil { result.insert(.index(index.name)) }
        return result
    }

    static func splitOption(_ option: String) -> (String, String) { SQLOptionList.split(option) }

    /// Leaving a parent comes before any change to the parent's columns, and before the
    /// child drops columns it inherited.
    private func parentFootprint(_ parent: QualifiedName, child: Table) -> Set<ObjectID> {
        var result: Set<ObjectID> = [.table(parent)]
        for column in child.columns { result.insert(.column(table: child.name, name: column.name)) }
        for column in source.tables[parent]?.columns ?? [] { result.insert(.column(table: parent, name: column.name)) }
        for column in target.tables[parent]?.columns ?? [] { result.insert(.column(table: parent, name: column.name)) }
        return result
    }

    /// Joining a parent comes after both tables have their final columns.
    private func attachNeeds(_ child: QualifiedName, _ parent: QualifiedName) -> Set<ObjectID> {
        var result: Set<ObjectID> = [.table(parent)]
        for column in target.tables[parent]?.columns ?? [] { result.insert(.column(table: parent, name: column.name)) }
        for column in target.tables[child]?.columns ?? [] { result.insert(.column(table: child, name: column.name)) }
        return result
    }

    /// The columns of a kept table as they will be once its parents' column changes have
    /// propagated to it (`ALTER TABLE parent …` recurses to partitions and children).
    private func columnsAfterParentChanges(_ old: Table, _ new: Table) -> [Column] {
        var columns = old.columns
        let keptParents = source.parents(of: old).filter { target.parents(of: new).contains($0) && isKept(.table($0)) }
        for parent in keptParents {
            guard let oldParent = source.tables[parent], let newParent = target.tables[parent] else { continue }
            for parentColumn in oldParent.columns {
                let id = ObjectID.column(table: parent, name: parentColumn.name)
                let gone = newParent.column(parentColumn.name) == nil || rebuilt.contains(id)
                if gone, let index = columns.firstIndex(where: { $0.name == parentColumn.name }), !columns[index].isLocal {
                    columns.remove(at: index)
                }
            }
            for parentColumn in newParent.columns {
                let id = ObjectID.column(table: parent, name: parentColumn.name)
                guard let oldParentColumn = oldParent.column(parentColumn.name), !rebuilt.contains(id) else {
                    if !columns.contains(where: { $0.name == parentColumn.name }) {
                        columns.append(Self.inheritedCopy(of: parentColumn))
                    }
                    continue
                }
                guard let index = columns.firstIndex(where: { $0.name == parentColumn.name }) else { continue }
                if oldParentColumn.type != parentColumn.type || oldParentColumn.collation != parentColumn.collation {
                    columns[index].type = parentColumn.type
                    columns[index].collation = parentColumn.collation
                    // A type change resets the storage and compression to the new type's.
                    columns[index].storage = nil
                    columns[index].compression = nil
                }
                let parentResetsDefault = retyped.contains(id) && oldParentColumn.defaultExpression != nil
                if oldParentColumn.defaultExpression != parentColumn.defaultExpression || parentResetsDefault {
                    columns[index].defaultExpression = parentColumn.defaultExpression
                }
                if oldParentColumn.isNotNull != parentColumn.isNotNull { columns[index].isNotNull = parentColumn.isNotNull }
                if oldParentColumn.generatedExpression != nil, parentColumn.generatedExpression == nil {
                    columns[index].generatedExpression = nil
                }
            }
        }
        return columns
    }

    /// Whether a column of a kept table gets its changes from a kept parent that has it too.
    func isInheritedFromKeptParent(_ table: QualifiedName, _ column: String) -> Bool {
        guard let old = source.tables[table], let new = target.tables[table] else { return false }
        return source.parents(of: old).contains { parent in
            target.parents(of: new).contains(parent) && isKept(.table(parent))
                && source.tables[parent]?.column(column) != nil && target.tables[parent]?.column(column) != nil
        }
    }
}
