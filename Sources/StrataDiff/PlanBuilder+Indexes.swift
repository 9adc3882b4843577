import StrataSchema

extension PlanBuilder {
    /// Indexes of a kept table or materialized view (`owner`): dropped, created, or rebuilt
    /// when their definition changed.
    mutating func planIndexes(old: [Index], new: [Index], owner: ObjectID) {
        for index in old {
            let id = ObjectID.index(index.name)
            if !new.contains(where: { $0.name == index.name }) || rebuilt.contains(id) {
                let concurrently = options.concurrentIndexes && !index.isPartitioned && !isPartitioned(owner)
                drop(.dropIndex(index.name, concurrently: concurrently), id, isTransactional: !concurrently)
            }
        }
        for index in new {
            let id = ObjectID.index(index.name)
            if let oldIndex = old.first(where: { $0.name == index.name }), !rebuilt.contains(id) {
                commentChange(.index(index.name), from: oldIndex.comment, to: index.comment, recreated: false)
            } else {
                createIndex(index, existing: true)
            }
        }
    }

    /// Creates an index; `existing` when its table or materialized view is kept, so that
    /// the index may be built concurrently.
    mutating func createIndex(_ index: Index, existing: Bool) {
        let owner: ObjectID = target.views[index.table] != nil ? .view(index.table) : .table(index.table)
        let concurrently = existing && options.concurrentIndexes && isKept(owner) && !index.isPartitioned && !isPartitioned(owner)
        var created = index
        created.comment = nil
        let step = create(.createIndex(created, concurrently: concurrently), .index(index.name))
        if concurrently { steps.markNonTransactional(step) }
        commentIfAny(.index(index.name), index.comment)
    }

    private func isPartitioned(_ owner: ObjectID) -> Bool {
        guard case .table(let name) = owner else { return false }
        return target.tables[name]?.kind == .partitioned || source.tables[name]?.kind == .partitioned
    }
}
