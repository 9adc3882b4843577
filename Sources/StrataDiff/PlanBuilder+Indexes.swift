import StrataSchema

extension PlanBuilder {
    /// Own indexes of a kept table or materialized view (`owner`): dropped, created, or
    /// rebuilt when their definition changed. Dropping a partitioned table's index also
    /// removes the partitions' copies of it.
    mutating func planIndexes(old: [Index], new: [Index], owner: ObjectID) {
        for index in old {
            let id = ObjectID.index(index.name)
            if !new.contains(where: { $0.name == index.name }) || rebuilt.contains(id) {
                let concurrently = options.concurrentIndexes && !index.isPartitioned && !isPartitioned(owner)
                drop(.dropIndex(index.name, concurrently: concurrently), id, members: Array(source.allCopies(of: id)), isTransactional: !concurrently)
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

    /// Creates an index as its table's own; `existing` when its table or materialized view
    /// is kept, so that the index may be built concurrently. On a partitioned table the step
    /// also brings the partitions' copies: after the steps that prepare an equivalent for
    /// PostgreSQL to attach, before anything that needs them.
    @discardableResult
    mutating func createIndex(_ index: Index, existing: Bool) -> Int {
        let owner: ObjectID = target.views[index.table] != nil ? .view(index.table) : .table(index.table)
        let concurrently = existing && options.concurrentIndexes && isKept(owner) && !index.isPartitioned && !isPartitioned(owner)
        var created = index
        created.comment = nil
        created.parentIndex = nil
        let step = create(.createIndex(created, concurrently: concurrently), .index(index.name))
        if concurrently { steps.markNonTransactional(step) }
        let copies = target.allCopies(of: .index(index.name))
        if !copies.isEmpty {
            steps.update(step) { step in
                step.adds.formUnion(copies)
                step.needs.formUnion(copies)
            }
        }
        commentIfAny(.index(index.name), index.comment)
        return step
    }

    private func isPartitioned(_ owner: ObjectID) -> Bool {
        guard case .table(let name) = owner else { return false }
        return target.tables[name]?.kind == .partitioned || source.tables[name]?.kind == .partitioned
    }
}
