import StrataSchema

extension PlanBuilder {
    mutating func planEnums() {
        for name in target.enums.keys.sorted() {
            let new = target.enums[name]!
            let id = ObjectID.type(name)
            guard let old = source.enums[name], !rebuilt.contains(id) else {
                if source.contains(id) { dropType(name) }
                createType(.createEnum(withoutComment(new)), name, comment: new.comment)
                continue
            }
            if rebuiltTypes[name] != nil {
                rebuildType(name, created: .createEnum(withoutComment(new)), dataLoss: !Set(old.labels).isSubset(of: new.labels), comment: new.comment)
                continue
            }
            // Labels are added in target order, each next to one that exists by then: after
            // its predecessor, or before the first old label when it comes first.
            var labels = old.labels
            var added: [Int] = []
            for (position, label) in new.labels.enumerated() where !labels.contains(label) {
                let placement: EnumValuePlacement
                if position == new.labels.count - 1 {
                    placement = .last
                } else if position > 0 {
                    placement = .after(new.labels[position - 1])
                } else if let first = new.labels.first(where: { old.labels.contains($0) }) {
                    placement = .before(first)
                } else {
                    placement = .last
                }
                labels.append(label)
                added.append(alter(.addEnumValue(name, label: label, placement: placement), id))
            }
            steps.chain(added)
            commentChange(.type(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.enums.keys.sorted() where !target.contains(.type(name)) { dropType(name) }
    }

    mutating func planDomains() {
        for name in target.domains.keys.sorted() {
            let new = target.domains[name]!
            let id = ObjectID.type(name)
            var created = new
            created.comment = nil
            guard let old = source.domains[name], !rebuilt.contains(id) else {
                if source.contains(id) { dropType(name) }
                createType(.createDomain(created), name, comment: new.comment, target: .domain(name))
                continue
            }
            if rebuiltTypes[name] != nil {
                rebuildType(name, created: .createDomain(created), dataLoss: false, comment: new.comment, target: .domain(name))
                continue
            }
            var chain: [Int] = []
            for constraint in old.constraints where !new.constraints.contains(constraint) {
                chain.append(alter(.alterDomain(name, .dropConstraint(constraint.name)), id))
            }
            if old.defaultExpression != new.defaultExpression {
                let change: DomainAlteration = new.defaultExpression.map { .setDefault($0) } ?? .dropDefault
                chain.append(alter(.alterDomain(name, change), id))
            }
            if old.isNotNull != new.isNotNull {
                chain.append(alter(.alterDomain(name, new.isNotNull ? .setNotNull : .dropNotNull), id))
            }
            for constraint in new.constraints where !old.constraints.contains(constraint) {
                chain.append(alter(.alterDomain(name, .addConstraint(constraint)), id))
            }
            steps.chain(chain)
            commentChange(.domain(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.domains.keys.sorted() where !target.contains(.type(name)) { dropType(name) }
    }

    mutating func planCompositeTypes() {
        for name in target.composites.keys.sorted() {
            let new = target.composites[name]!
            let id = ObjectID.type(name)
            var created = new
            created.comment = nil
            guard let old = source.composites[name], !rebuilt.contains(id) else {
                if source.contains(id) { dropType(name) }
                createType(.createCompositeType(created), name, comment: new.comment)
                continue
            }
            if rebuiltTypes[name] != nil {
                rebuildType(name, created: .createCompositeType(created), dataLoss: true, comment: new.comment)
                continue
            }
            var chain: [Int] = []
            let newNames = Set(new.attributes.map(\.name))
            for attribute in old.attributes where !newNames.contains(attribute.name) {
                chain.append(alter(.dropAttribute(name, name: attribute.name), id))
            }
            for attribute in new.attributes {
                if let oldAttribute = old.attributes.first(where: { $0.name == attribute.name }) {
                    if oldAttribute != attribute {
                        chain.append(alter(.alterAttributeType(name, name: attribute.name, type: attribute.type, collation: attribute.collation), id))
                    }
                } else {
                    chain.append(alter(.addAttribute(name, attribute), id))
                }
            }
            steps.chain(chain)
            commentChange(.type(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.composites.keys.sorted() where !target.contains(.type(name)) { dropType(name) }
    }

    // MARK: Helpers

    private func withoutComment(_ type: EnumType) -> EnumType {
        var copy = type
        copy.comment = nil
        return copy
    }

    private mutating func createType(_ change: SchemaChange, _ name: QualifiedName, comment text: String?, target commentTarget: CommentTarget? = nil) {
        create(change, .type(name))
        commentIfAny(commentTarget ?? .type(name), text)
    }

    private mutating func dropType(_ name: QualifiedName) {
        let change: SchemaChange = source.domains[name] != nil ? .dropDomain(name) : .dropType(name)
        drop(change, .type(name))
    }

    /// Renames the old type away, creates the new one, and drops the old one after every
    /// column using it has been converted (see `PlanBuilder+Columns`).
    private mutating func rebuildType(_ name: QualifiedName, created: SchemaChange, dataLoss: Bool, comment text: String?, target commentTarget: CommentTarget? = nil) {
        let temporary = QualifiedName(name.schema, rebuiltTypes[name]!)
        var rename = PlanStep(change: .renameType(name, to: temporary.name, isRebuild: true, dataLoss: dataLoss))
        rename.removes = [.type(name)]
        rename.releasesNames = [name]
        rename.takesNames = [temporary]
        let renameIndex = steps.append(rename)
        let createIndex = create(created, .type(name))
        steps.order(renameIndex, before: createIndex)
        var dropOld = PlanStep(change: source.domains[name] != nil ? .dropDomain(temporary) : .dropType(temporary))
        dropOld.removes = [.type(temporary)]
        dropOld.frees = source.dependencies(of: .type(name))
        let dropIndex = steps.append(dropOld)
        steps.order(createIndex, before: dropIndex)
        commentIfAny(commentTarget ?? .type(name), text)
    }
}
