import StrataSchema

extension PlanBuilder {
    /// Triggers of a kept table: dropped, created, rebuilt when their definition changed,
    /// enabled or disabled.
    mutating func planTriggers(_ old: Table, _ new: Table) {
        let name = new.name
        for trigger in old.triggers {
            let id = ObjectID.trigger(table: name, name: trigger.name)
            if !new.triggers.contains(where: { $0.name == trigger.name }) || rebuilt.contains(id) {
                drop(.dropTrigger(name, name: trigger.name), id)
            }
        }
        for trigger in new.triggers {
            let id = ObjectID.trigger(table: name, name: trigger.name)
            guard let oldTrigger = old.triggers.first(where: { $0.name == trigger.name }), !rebuilt.contains(id) else {
                createTrigger(name, trigger)
                continue
            }
            if oldTrigger.enabled != trigger.enabled { alter(.setTriggerEnabled(name, name: trigger.name, trigger.enabled), id) }
            commentChange(.trigger(name, trigger.name), from: oldTrigger.comment, to: trigger.comment, recreated: false)
        }
    }

    mutating func createTrigger(_ table: QualifiedName, _ trigger: Trigger) {
        let id = ObjectID.trigger(table: table, name: trigger.name)
        var created = trigger
        created.comment = nil
        created.enabled = .origin
        let step = create(.createTrigger(table, created), id)
        if trigger.enabled != .origin {
            let enable = alter(.setTriggerEnabled(table, name: trigger.name, trigger.enabled), id)
            steps.order(step, before: enable)
        }
        commentIfAny(.trigger(table, trigger.name), trigger.comment)
    }
}
