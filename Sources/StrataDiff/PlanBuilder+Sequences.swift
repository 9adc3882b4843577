import StrataSchema

extension PlanBuilder {
    /// Sequences: create (then `OWNED BY` as its own step, after the owning column exists),
    /// alter options, move ownership, drop. A sequence whose owning column the plan drops
    /// goes with that column, so it gets no statement of its own.
    mutating func planSequences() {
        for name in target.sequences.keys.sorted() {
            let new = target.sequences[name]!
            let id = ObjectID.sequence(name)
            guard let old = source.sequences[name] else {
                var created = new
                created.ownedBy = nil
                created.comment = nil
                create(.createSequence(created), id)
                if let owner = new.ownedBy { setOwner(name, owner) }
                commentIfAny(.sequence(name), new.comment)
                continue
            }
            if old.options != new.options { alterSequenceOptions(name, from: old.options, to: new.options) }
            let ownerRemoved = old.ownedBy.map { isRemoved(.column(table: $0.table, name: $0.column)) } ?? false
            if ownerRemoved {
                // Keep the sequence alive while its old column is dropped.
                let release = setOwner(name, nil, freeing: old.ownedBy)
                if let owner = new.ownedBy {
                    let restore = setOwner(name, owner)
                    steps.order(release, before: restore)
                }
            } else if old.ownedBy != new.ownedBy {
                setOwner(name, new.ownedBy, freeing: old.ownedBy)
            }
            commentChange(.sequence(name), from: old.comment, to: new.comment, recreated: false)
        }
        for name in source.sequences.keys.sorted() where target.sequences[name] == nil {
            let old = source.sequences[name]!
            if let owner = old.ownedBy, isRemoved(.column(table: owner.table, name: owner.column)) {
                implicitlyDroppedSequences[.column(table: owner.table, name: owner.column), default: []].append(name)
                continue
            }
            drop(.dropSequence(name), .sequence(name))
        }
    }

    /// `ALTER SEQUENCE`, preceded by what brings the current value into a narrower range
    /// (see ``SequenceTransition``).
    private mutating func alterSequenceOptions(_ name: QualifiedName, from old: SequenceOptions, to new: SequenceOptions) {
        let id = ObjectID.sequence(name)
        let transition = SequenceTransition(from: old, to: new)
        var chain: [Int] = []
        if let widened = transition.widened { chain.append(alter(.alterSequence(name, from: old, to: widened), id)) }
        if transition.restartsOutsideRange {
            chain.append(alter(.restartSequence(.sequence(name), start: new.start, range: SequenceTransition.range(new)), id))
        }
        chain.append(alter(.alterSequence(name, from: transition.finalFrom, to: new), id))
        steps.chain(chain)
    }

    @discardableResult
    private mutating func setOwner(_ name: QualifiedName, _ owner: Sequence.Owner?, freeing old: Sequence.Owner? = nil) -> Int {
        // Ownership changes nothing that other statements need, so the step does not count
        // as modifying the sequence: a column default may use the sequence before it.
        var step = PlanStep(change: .setSequenceOwner(name, owner: owner))
        step.requires = [.sequence(name)]
        if let owner {
            step.needs = [.column(table: owner.table, name: owner.column)]
            step.requires.insert(.column(table: owner.table, name: owner.column))
        }
        if let old { step.frees = [.column(table: old.table, name: old.column), .table(old.table)] }
        return steps.append(step)
    }
}
