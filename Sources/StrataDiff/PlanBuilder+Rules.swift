import StrataSchema

extension PlanBuilder {
    /// Rules of a kept table or view: dropped, created, replaced in place
    /// (`CREATE OR REPLACE RULE`) when their definition changed, enabled or disabled.
    mutating func planRules(on name: QualifiedName, old: [Rule], new: [Rule]) {
        for rule in old where !new.contains(where: { $0.name == rule.name }) || rebuilt.contains(.rule(table: name, name: rule.name)) {
            drop(.dropRule(name, name: rule.name), .rule(table: name, name: rule.name))
        }
        for rule in new {
            let id = ObjectID.rule(table: name, name: rule.name)
            guard let oldRule = old.first(where: { $0.name == rule.name }), !rebuilt.contains(id) else {
                createRule(name, rule)
                continue
            }
            var replaced = rule
            replaced.comment = nil
            replaced.enabled = .origin
            if oldRule.definition != rule.definition { alter(.replaceRule(name, replaced), id) }
            if oldRule.enabled != rule.enabled { alter(.setRuleEnabled(name, name: rule.name, rule.enabled), id) }
            commentChange(.rule(name, rule.name), from: oldRule.comment, to: rule.comment, recreated: false)
        }
    }

    mutating func createRule(_ relation: QualifiedName, _ rule: Rule) {
        let id = ObjectID.rule(table: relation, name: rule.name)
        var created = rule
        created.comment = nil
        created.enabled = .origin
        let step = create(.createRule(relation, created), id)
        if rule.enabled != .origin {
            let enable = alter(.setRuleEnabled(relation, name: rule.name, rule.enabled), id)
            steps.order(step, before: enable)
        }
        commentIfAny(.rule(relation, rule.name), rule.comment)
    }
}
