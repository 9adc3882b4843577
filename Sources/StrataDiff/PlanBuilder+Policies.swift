import StrataSchema

extension PlanBuilder {
    /// Policies of a kept table: dropped, created, altered in place (roles, `USING`,
    /// `WITH CHECK`), or rebuilt when their command or permissiveness changed.
    mutating func planPolicies(_ old: Table, _ new: Table) {
        let name = new.name
        for policy in old.policies {
            let id = ObjectID.policy(table: name, name: policy.name)
            if !new.policies.contains(where: { $0.name == policy.name }) || rebuilt.contains(id) {
                drop(.dropPolicy(name, name: policy.name), id)
            }
        }
        for policy in new.policies {
            let id = ObjectID.policy(table: name, name: policy.name)
            guard let oldPolicy = old.policies.first(where: { $0.name == policy.name }), !rebuilt.contains(id) else {
                createPolicy(name, policy)
                continue
            }
            var oldCompared = oldPolicy, newCompared = policy
            oldCompared.comment = nil
            newCompared.comment = nil
            if oldCompared != newCompared {
                alter(.alterPolicy(name, newCompared), id)
            }
            commentChange(.policy(name, policy.name), from: oldPolicy.comment, to: policy.comment, recreated: false)
        }
    }

    mutating func createPolicy(_ table: QualifiedName, _ policy: Policy) {
        var created = policy
        created.comment = nil
        create(.createPolicy(table, created), .policy(table: table, name: policy.name))
        commentIfAny(.policy(table, policy.name), policy.comment)
    }
}
