import StrataSchema

extension PlanBuilder {
    /// Range types: created and dropped; a changed definition is dropped and created again
    /// (PostgreSQL cannot alter a range type), taking what depends on it along.
    mutating func planRangeTypes() {
        for name in target.ranges.keys.sorted() {
            let new = target.ranges[name]!
            let id = ObjectID.type(name)
            if source.ranges[name] == nil || rebuilt.contains(id) {
                if source.contains(id) { drop(.dropType(name), id) }
                var created = new
                created.comment = nil
                create(.createRangeType(created), id)
                commentIfAny(.type(name), new.comment)
            } else if let old = source.ranges[name] {
                commentChange(.type(name), from: old.comment, to: new.comment, recreated: false)
            }
        }
        for name in source.ranges.keys.sorted() where !target.contains(.type(name)) { drop(.dropType(name), .type(name)) }
    }

    /// Extended statistics: created after their table's columns, dropped (unless their table
    /// is dropped, which takes them along), rebuilt when their definition changed, and
    /// their statistics target set.
    mutating func planStatistics() {
        for name in target.statistics.keys.sorted() {
            let new = target.statistics[name]!
            let id = new.id
            guard let old = source.statistics[name], !rebuilt.contains(id) else {
                // One on a kept table is dropped first; one whose table goes went with it.
                if let old = source.statistics[name], !isRelationRemoved(old.table) { drop(.dropStatistics(name), id) }
                createStatistics(new)
                continue
            }
            if old.target != new.target { alter(.setStatisticsTarget(name, target: new.target), id) }
            commentChange(.statistics(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.statistics.keys.sorted() where target.statistics[name] == nil {
            let old = source.statistics[name]!
            if !isRelationRemoved(old.table) { drop(.dropStatistics(name), old.id) }
        }
    }

    /// Whether the table or materialized view goes (taking its statistics objects along).
    private func isRelationRemoved(_ name: QualifiedName) -> Bool {
        isRemoved(.table(name)) || isRemoved(.view(name))
    }

    private mutating func createStatistics(_ statistics: StatisticsObject) {
        var created = statistics
        created.comment = nil
        created.target = nil
        let step = create(.createStatistics(created), statistics.id)
        if let target = statistics.target {
            let set = alter(.setStatisticsTarget(statistics.name, target: target), statistics.id)
            steps.order(step, before: set)
        }
        commentIfAny(.statistics(statistics.name), statistics.comment)
    }

    /// Casts: created, dropped, and dropped and created again when anything changed.
    mutating func planCasts() {
        for id in target.casts.keys.sorted() {
            let new = target.casts[id]!
            if let old = source.casts[id], !rebuilt.contains(id) {
                commentChange(.cast(source: new.source, target: new.target), from: old.comment, to: new.comment, recreated: false)
                continue
            }
            if source.contains(id) { drop(.dropCast(source: new.source, target: new.target), id) }
            var created = new
            created.comment = nil
            create(.createCast(created), id)
            commentIfAny(.cast(source: new.source, target: new.target), new.comment)
        }
        for id in source.casts.keys.sorted() where target.casts[id] == nil {
            let old = source.casts[id]!
            drop(.dropCast(source: old.source, target: old.target), id)
        }
    }

    /// Operators: created, dropped, and dropped and created again when anything changed.
    mutating func planOperators() {
        for id in target.operators.keys.sorted() {
            let new = target.operators[id]!
            let commentTarget = CommentTarget.operator(new.name, arguments: new.arguments)
            if let old = source.operators[id], !rebuilt.contains(id) {
                commentChange(commentTarget, from: old.comment, to: new.comment, recreated: false)
                continue
            }
            if source.contains(id) { drop(.dropOperator(new.name, arguments: new.arguments), id) }
            var created = new
            created.comment = nil
            create(.createOperator(created), id)
            commentIfAny(commentTarget, new.comment)
        }
        for id in source.operators.keys.sorted() where target.operators[id] == nil {
            let old = source.operators[id]!
            drop(.dropOperator(old.name, arguments: old.arguments), id)
        }
    }

    /// Text search dictionaries (rebuilt when their template or options change) and
    /// configurations (rebuilt when their parser changes; mappings added, altered and
    /// dropped one token type at a time).
    mutating func planTextSearch() {
        for name in target.textSearchDictionaries.keys.sorted() {
            let new = target.textSearchDictionaries[name]!
            let id = ObjectID.textSearchDictionary(name)
            if let old = source.textSearchDictionaries[name], !rebuilt.contains(id) {
                commentChange(.textSearchDictionary(name), from: old.comment, to: new.comment, recreated: false)
                continue
            }
            if source.contains(id) { drop(.dropTextSearchDictionary(name), id) }
            var created = new
            created.comment = nil
            create(.createTextSearchDictionary(created), id)
            commentIfAny(.textSearchDictionary(name), new.comment)
        }
        for name in source.textSearchDictionaries.keys.sorted() where target.textSearchDictionaries[name] == nil {
            drop(.dropTextSearchDictionary(name), .textSearchDictionary(name))
        }
        for name in target.textSearchConfigurations.keys.sorted() {
            let new = target.textSearchConfigurations[name]!
            let id = ObjectID.textSearchConfiguration(name)
            guard let old = source.textSearchConfigurations[name], !rebuilt.contains(id) else {
                if source.contains(id) { drop(.dropTextSearchConfiguration(name), id) }
                var created = new
                created.comment = nil
                created.mappings = []
                let step = create(.createTextSearchConfiguration(created), id)
                for mapping in new.mappings {
                    let add = alter(.addTextSearchMapping(name, mapping), id)
                    steps.order(step, before: add)
                }
                commentIfAny(.textSearchConfiguration(name), new.comment)
                continue
            }
            for mapping in old.mappings where !new.mappings.contains(where: { $0.tokenType == mapping.tokenType }) {
                alter(.dropTextSearchMapping(name, tokenType: mapping.tokenType), id, onlyRemoves: true)
            }
            for mapping in new.mappings {
                if let oldMapping = old.mappings.first(where: { $0.tokenType == mapping.tokenType }) {
                    if oldMapping != mapping { alter(.alterTextSearchMapping(name, mapping), id) }
                } else {
                    alter(.addTextSearchMapping(name, mapping), id)
                }
            }
            commentChange(.textSearchConfiguration(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.textSearchConfigurations.keys.sorted() where target.textSearchConfigurations[name] == nil {
            drop(.dropTextSearchConfiguration(name), .textSearchConfiguration(name))
        }
    }
}
