import StrataSchema

extension PlanBuilder {
    /// Constraints of a kept table: dropped, added, rebuilt when their definition changed,
    /// or validated. Constraints a partition or child inherits follow its parent's and get
    /// no statements of their own.
    mutating func planConstraints(_ old: Table, _ new: Table) {
        let name = new.name
        let hasParent = !source.parents(of: old).isEmpty && !target.parents(of: new).isEmpty
        func isOwn(_ constraint: Constraint) -> Bool { constraint.isLocal || !hasParent }
        for constraint in old.constraints where isOwn(constraint) {
            let id = ObjectID.constraint(table: name, name: constraint.name)
            let newConstraint = new.constraints.first { $0.name == constraint.name }
            if newConstraint == nil || rebuilt.contains(id) || !(newConstraint.map(isOwn) ?? false) {
                drop(.dropConstraint(name, name: constraint.name), id)
            }
        }
        for constraint in new.constraints where isOwn(constraint) {
            let id = ObjectID.constraint(table: name, name: constraint.name)
            let oldConstraint = old.constraints.first { $0.name == constraint.name }.flatMap { isOwn($0) ? $0 : nil }
            guard let oldConstraint, !rebuilt.contains(id) else {
                var added = constraint
                added.comment = nil
                create(.addConstraint(name, added), id)
                commentIfAny(.constraint(name, constraint.name), constraint.comment)
                continue
            }
            if Self.isValidation(from: oldConstraint, to: constraint) {
                alter(.validateConstraint(name, name: constraint.name), id)
            }
            commentChange(.constraint(name, constraint.name), from: oldConstraint.comment, to: constraint.comment, recreated: false)
        }
    }
}
