import StrataSchema

extension PlanBuilder {
    /// Functions and procedures: created, dropped, replaced in place when the identity
    /// arguments, kind and result type are the same, rebuilt otherwise.
    mutating func planRoutines() {
        for id in target.routines.keys.sorted() {
            let new = target.routines[id]!
            var created = new
            created.comment = nil
            let commentTarget = CommentTarget.routine(new.name, arguments: new.arguments, kind: new.kind)
            guard let old = source.routines[id] else {
                create(.createRoutine(created), id)
                commentIfAny(commentTarget, new.comment)
                continue
            }
            if rebuilt.contains(id) {
                drop(.dropRoutine(old.name, arguments: old.arguments, kind: old.kind), id)
                create(.createRoutine(created), id)
                commentIfAny(commentTarget, new.comment)
                continue
            }
            if old.definition != new.definition { alter(.replaceRoutine(created), id) }
            commentChange(commentTarget, from: old.comment, to: new.comment, recreated: false)
        }
        for id in source.routines.keys.sorted() where target.routines[id] == nil {
            let old = source.routines[id]!
            drop(.dropRoutine(old.name, arguments: old.arguments, kind: old.kind), id)
        }
    }
}
