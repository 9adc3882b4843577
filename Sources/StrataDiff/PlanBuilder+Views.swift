import StrataSchema

extension PlanBuilder {
    /// Views and materialized views: created, dropped, replaced in place
    /// (`CREATE OR REPLACE VIEW`) or rebuilt, with their indexes and comments.
    mutating func planViews() {
        for name in target.views.keys.sorted() {
            let new = target.views[name]!
            let id = ObjectID.view(name)
            guard let old = source.views[name] else {
                createView(new)
                continue
            }
            if rebuilt.contains(id) {
                dropView(old)
                createView(new)
                continue
            }
            if Self.comparable(old) != Self.comparable(new) { alter(.replaceView(Self.comparable(new)), id) }
            planTriggers(on: name, old: old.triggers, new: new.triggers)
            planRules(on: name, old: old.rules, new: new.rules)
            commentChange(.view(name, materialized: new.isMaterialized), from: old.comment, to: new.comment, recreated: false)
            for column in new.columns {
                let oldComment = old.columns.first { $0.name == column.name }?.comment
                commentChange(.column(name, column.name), from: oldComment, to: column.comment, recreated: false)
            }
            planIndexes(old: old.indexes, new: new.indexes, owner: id)
        }
        for name in source.views.keys.sorted() where target.views[name] == nil {
            dropView(source.views[name]!)
        }
    }

    /// The view as `CREATE VIEW` states it: no indexes or comments.
    private static func comparable(_ view: View) -> View {
        var copy = view
        copy.indexes = []
        copy.triggers = []
        copy.rules = []
        copy.comment = nil
        for index in copy.columns.indices { copy.columns[index].comment = nil }
        return copy
    }

    private mutating func createView(_ view: View) {
        create(.createView(Self.comparable(view)), .view(view.name))
        commentIfAny(.view(view.name, materialized: view.isMaterialized), view.comment)
        for column in view.columns { commentIfAny(.column(view.name, column.name), column.comment) }
        for index in view.indexes { createIndex(index, existing: false) }
        for trigger in view.triggers { createTrigger(view.name, trigger) }
        for rule in view.rules { createRule(view.name, rule) }
    }

    private mutating func dropView(_ view: View) {
        let members = view.indexes.map { ObjectID.index($0.name) } + view.triggers.map { ObjectID.trigger(table: view.name, name: $0.name) }
            + view.rules.map { ObjectID.rule(table: view.name, name: $0.name) }
        drop(.dropView(view.name, materialized: view.isMaterialized), .view(view.name), members: members)
    }
}
