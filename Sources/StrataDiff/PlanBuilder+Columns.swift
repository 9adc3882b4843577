import StrataSQL
import StrataSchema

extension PlanBuilder {
    /// Adds, drops and alters columns of one table. `old` is the columns as they are before
    /// this table's own statements (after what its parents' changes propagate, or as a new
    /// partition or child is created); `oldTable` is nil for a table the plan creates.
    mutating func planColumns(table: QualifiedName, old: [Column], new: [Column], oldTable: Table?) {
        for column in new {
            if let oldColumn = old.first(where: { $0.name == column.name }) {
                planColumnChanges(table: table, old: oldColumn, new: column, isNewTable: oldTable == nil)
            } else {
                addColumn(table, column)
            }
        }
        for column in old where !new.contains(where: { $0.name == column.name }) {
            let id = ObjectID.column(table: table, name: column.name)
            let sequences = (implicitlyDroppedSequences[id] ?? []).map { ObjectID.sequence($0) }
            drop(.dropColumn(table, column: column.name, isRebuild: false, dataLoss: true), id, members: sequences)
        }
    }

    private mutating func addColumn(_ table: QualifiedName, _ column: Column) {
        var added = Self.declared(column)
        added.isLocal = true
        let step = create(.addColumn(table, added), .column(table: table, name: column.name))
        planColumnSettings(table: table, old: added, new: column, after: [step])
        commentIfAny(.column(table, column.name), column.comment)
    }

    /// The settings `ALTER COLUMN` changes without touching the data: attribute options,
    /// statistics target, storage and compression, each on this table only (`ALTER TABLE
    /// ONLY`: a partition or child keeps its own), after the steps in `after`.
    @discardableResult
    mutating func planColumnSettings(table: QualifiedName, old: Column, new: Column, after: [Int]) -> [Int] {
        // The common case, nothing to change, without building the option maps.
        if old.options == new.options, old.statisticsTarget == new.statisticsTarget, old.storage == new.storage,
           old.compression == new.compression {
            steps.chain(after)
            return []
        }
        let id = ObjectID.column(table: table, name: new.name)
        var chain = after
        let oldOptions = Dictionary(old.options.map(Self.splitOption), uniquingKeysWith: { first, _ in first })
        let newOptions = Dictionary(new.options.map(Self.splitOption), uniquingKeysWith: { first, _ in first })
        let reset = oldOptions.keys.filter { newOptions[$0] == nil }.sorted()
        if !reset.isEmpty { chain.append(alter(.resetColumnOptions(table, column: new.name, names: reset), id)) }
        let set = new.options.filter { oldOptions[Self.splitOption($0).0] != Self.splitOption($0).1 }
        if !set.isEmpty { chain.append(alter(.setColumnOptions(table, column: new.name, options: set), id)) }
        if old.statisticsTarget != new.statisticsTarget {
            chain.append(alter(.setColumnStatistics(table, column: new.name, target: new.statisticsTarget), id))
        }
        if old.storage != new.storage {
            let storage = new.storage ?? new.typeStorage ?? target.defaultStorage(ofType: new.type)
            chain.append(alter(.setColumnStorage(table, column: new.name, storage: storage), id))
        }
        if old.compression != new.compression {
            chain.append(alter(.setColumnCompression(table, column: new.name, compression: new.compression), id))
        }
        steps.chain(chain)
        return Array(chain.dropFirst(after.count))
    }

    private mutating func planColumnChanges(table: QualifiedName, old: Column, new: Column, isNewTable: Bool) {
        let id = ObjectID.column(table: table, name: new.name)
        // An unchanged column that nothing rebuilds, retypes or resets needs no statement
        // (every comparison below would find it equal).
        if old == new, rebuiltTypes.isEmpty, !rebuilt.contains(id), !resetDefaults.contains(id) { return }
        if rebuilt.contains(id), !isNewTable {
            let sequences = (implicitlyDroppedSequences[id] ?? []).map { ObjectID.sequence($0) }
            drop(.dropColumn(table, column: old.name, isRebuild: true, dataLoss: old.generatedExpression == nil), id, members: sequences)
            addColumn(table, new)
            return
        }
        var chain: [Int] = []
        if old.generatedExpression != nil, new.generatedExpression == nil {
            chain.append(alter(.dropExpression(table, column: new.name), id, onlyRemoves: true))
        }
        if old.identity != nil, new.identity == nil {
            chain.append(alter(.dropIdentity(table, column: new.name), id, onlyRemoves: true))
        }
        let rebuiltType = isNewTable ? nil : rebuiltTypeOfColumn(table: table, old: old, new: new)
        let typeChanges = old.type != new.type || old.collation != new.collation || rebuiltType != nil
        var currentDefault = old.generatedExpression == nil ? old.defaultExpression : nil
        let resetsDefault = !isNewTable && (resetDefaults.contains(id) || (typeChanges && currentDefault != nil))
        if resetsDefault, currentDefault != nil {
            let usedByDefault = source.dependencies(of: id).filter {
                switch $0 {
                case .sequence, .routine, .type: return true
                default: return false
                }
            }
            chain.append(alter(.dropDefault(table, column: new.name), id, frees: usedByDefault, onlyRemoves: true))
            currentDefault = nil
        }
        if typeChanges {
            var using: String?
            var frees: Set<ObjectID> = []
            if let rebuiltType, let temporary = rebuiltTypes[rebuiltType] {
                using = Self.castThroughText(column: new.name, type: new.type)
                frees.insert(.type(QualifiedName(rebuiltType.schema, temporary)))
            } else if old.type != new.type, !TypeChange(from: old.type, to: new.type).hasDirectCast {
                // No cast between the two (an enum and anything but text, numeric and
                // boolean, …): convert through the text form, which every type has.
                using = Self.castThroughText(column: new.name, type: new.type)
            }
            chain.append(alter(
                .alterColumnType(table, column: new.name, from: old.type, to: new.type, collation: new.collation, using: using),
                id, frees: frees
            ))
        }
        if new.generatedExpression == nil, currentDefault != new.defaultExpression {
            if let expression = new.defaultExpression {
                chain.append(alter(.setDefault(table, column: new.name, expression: expression), id))
            } else if currentDefault != nil {
                chain.append(alter(.dropDefault(table, column: new.name), id, onlyRemoves: true))
            }
        }
        if old.isNotNull != new.isNotNull {
            chain.append(alter(new.isNotNull ? .setNotNull(table, column: new.name) : .dropNotNull(table, column: new.name), id))
        }
        var afterType = old
        if typeChanges {
            // ALTER COLUMN … TYPE resets the storage and compression to the new type's.
            afterType.storage = nil
            afterType.compression = nil
        }
        chain += planColumnSettings(table: table, old: afterType, new: new, after: [])
        if let identity = new.identity {
            if var oldIdentity = old.identity {
                if old.type != new.type { oldIdentity.options = Self.identityOptions(oldIdentity.options, retypedTo: identity.options.dataType) }
                var comparable = oldIdentity
                comparable.options.dataType = identity.options.dataType
                if comparable != identity {
                    let transition = SequenceTransition(from: comparable.options, to: identity.options)
                    var from = comparable
                    if let widened = transition.widened {
                        let wide = Column.Identity(generation: comparable.generation, options: widened)
                        chain.append(alter(.setIdentity(table, column: new.name, from: comparable, to: wide), id))
                        from = wide
                    }
                    if transition.restartsOutsideRange {
                        let range = SequenceTransition.range(identity.options)
                        chain.append(alter(.restartSequence(.identity(table: table, column: new.name), start: identity.options.start, range: range), id))
                    }
                    chain.append(alter(.setIdentity(table, column: new.name, from: from, to: identity), id))
                }
            } else {
                chain.append(alter(.addIdentity(table, column: new.name, identity), id))
            }
        }
        steps.chain(chain)
        if !isNewTable { commentChange(.column(table, new.name), from: old.comment, to: new.comment, recreated: false) }
    }

    /// The rebuilt type a kept column is converted to, unless a parent's conversion reaches it.
    private func rebuiltTypeOfColumn(table: QualifiedName, old: Column, new: Column) -> QualifiedName? {
        guard let type = source.userType(named: old.type), rebuiltTypes[type] != nil,
              target.userType(named: new.type) == type, old.type == new.type,
              !isInheritedFromKeptParent(table, new.name)
        else { return nil }
        return type
    }

    /// `column::text::type` (with array brackets kept): converts between a type and its
    /// rebuilt replacement through their text form.
    static func castThroughText(column: String, type: String) -> String {
        var dimensions = ""
        var base = Substring(type)
        while base.hasSuffix("[]") {
            base = base.dropLast(2)
            dimensions += "[]"
        }
        return SQLIdentifier.quoteIfNeeded(column) + "::text" + dimensions + "::" + type
    }

    /// What PostgreSQL does to an identity sequence when its column changes type: the
    /// sequence takes the new type, and bounds that were the old type's defaults follow it.
    static func identityOptions(_ options: SequenceOptions, retypedTo dataType: String) -> SequenceOptions {
        let oldDefaults = SQLRenderer.defaultSequenceOptions(dataType: options.dataType, increment: options.increment)
        let newDefaults = SQLRenderer.defaultSequenceOptions(dataType: dataType, increment: options.increment)
        var result = options
        result.dataType = dataType
        if options.maxValue == oldDefaults.maxValue { result.maxValue = newDefaults.maxValue }
        if options.minValue == oldDefaults.minValue { result.minValue = newDefaults.minValue }
        return result
    }
}
