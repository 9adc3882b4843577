import StrataSchema

extension PlanBuilder {
    /// A kept table's own constraints (see ``planMembers(_:_:attachStep:)`` for what counts
    /// as its own): dropped, added, rebuilt when their definition changed, or validated.
    /// Dropping a partitioned table's constraint also removes the partitions' copies of it;
    /// adding one creates (or adopts) them.
    mutating func planConstraints(table name: QualifiedName, old: [Constraint], new: [Constraint]) {
        for constraint in old {
            let id = ObjectID.constraint(table: name, name: constraint.name)
            if !new.contains(where: { $0.name == constraint.name }) || rebuilt.contains(id) {
                drop(.dropConstraint(name, name: constraint.name), id, members: Array(source.allCopies(of: id)))
            }
        }
        for constraint in new {
            let id = ObjectID.constraint(table: name, name: constraint.name)
            guard let oldConstraint = old.first(where: { $0.name == constraint.name }), !rebuilt.contains(id) else {
                addConstraint(name, constraint)
                continue
            }
            if Self.isValidation(from: oldConstraint, to: constraint) {
                alter(.validateConstraint(name, name: constraint.name), id)
            }
            commentChange(.constraint(name, constraint.name), from: oldConstraint.comment, to: constraint.comment, recreated: false)
        }
    }

    /// `ALTER TABLE … ADD CONSTRAINT` of a constraint as the table's own, then its comment.
    /// The step also brings the partitions' copies of the constraint: after the steps that
    /// prepare an equivalent for PostgreSQL to adopt, before anything that needs them.
    @discardableResult
    mutating func addConstraint(_ table: QualifiedName, _ constraint: Constraint) -> Int {
        let id = ObjectID.constraint(table: table, name: constraint.name)
        var added = constraint
        added.comment = nil
        added.isLocal = true
        added.parentConstraint = nil
        let step = create(.addConstraint(table, added), id)
        let copies = target.allCopies(of: id)
        if !copies.isEmpty {
            steps.update(step) { step in
                step.adds.formUnion(copies)
                step.needs.formUnion(copies)
            }
        }
        commentIfAny(.constraint(table, constraint.name), constraint.comment)
        return step
    }
}
