import StrataSchema

extension PlanBuilder {
    /// Triggers of a kept table or view: dropped, created, rebuilt when their definition
    /// changed, enabled or disabled.
    mutating func planTriggers(on name: QualifiedName, old: [Trigger], new: [Trigger]) {
        for trigger in old {
            let id = ObjectID.trigger(table: name, name: trigger.name)
            if !new.contains(where: { $0.name == trigger.name }) || rebuilt.contains(id) {
                drop(.dropTrigger(name, name: trigger.name), id)
            }
        }
        for trigger in new {
            let id = ObjectID.trigger(table: name, name: trigger.name)
            guard let oldTrigger = old.first(where: { $0.name == trigger.name }), !rebuilt.contains(id) else {
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
