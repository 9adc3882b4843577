import StrataSchema

/// Orders the steps of a plan with one topological sort.
///
/// Edges, for steps `a` and `b`:
/// - `a` removes an object (or relation name) that `b` adds: the drop comes first;
/// - `a` adds or modifies an object that `b` needs in its target shape, or adds one that
///   `b` requires to exist: `a` comes first (creates after what they need, in the target graph);
/// - `a` frees a source dependency that `b` removes, modifies or re-adds: `a` comes first
///   (drops before what they depend on, in the source graph);
/// - explicit local edges of the step list.
///
/// Ties are broken by a rank (drops, then alters, then creates, then comments), then by
/// object kind (routines after tables and views), then by object identity, then by the order the steps were made, so the
/// output is stable.
enum StatementOrdering {
    static func order(_ list: StepList) throws -> [Int] {
        let steps = list.steps
        var addedBy: [ObjectID: [Int]] = [:], modifiedBy: [ObjectID: [Int]] = [:], removedBy: [ObjectID: [Int]] = [:]
        var freedBy: [ObjectID: [Int]] = [:], nameReleasedBy: [QualifiedName: [Int]] = [:]
        for (index, step) in steps.enumerated() {
            for id in step.adds { addedBy[id, default: []].append(index) }
            for id in step.modifies { modifiedBy[id, default: []].append(index) }
            for id in step.removes { removedBy[id, default: []].append(index) }
            for id in step.frees { freedBy[id, default: []].append(index) }
            for name in step.releasesNames { nameReleasedBy[name, default: []].append(index) }
        }
        var successors = Array(repeating: Set<Int>(), count: steps.count)
        var predecessorCount = Array(repeating: 0, count: steps.count)
        func edge(_ a: Int, _ b: Int) {
            guard a != b, successors[a].insert(b).inserted else { return }
            predecessorCount[b] += 1
        }
        for (b, step) in steps.enumerated() {
            for id in step.adds { for a in removedBy[id] ?? [] { edge(a, b) } }
            for name in step.takesNames { for a in nameReleasedBy[name] ?? [] { edge(a, b) } }
            for id in step.needs {
                for a in addedBy[id] ?? [] { edge(a, b) }
                for a in modifiedBy[id] ?? [] { edge(a, b) }
            }
            for id in step.requires { for a in addedBy[id] ?? [] { edge(a, b) } }
            for id in step.removes.union(step.modifies).union(step.adds) {
                for a in freedBy[id] ?? [] { edge(a, b) }
            }
        }
        for (a, b) in list.edges { edge(a, b) }

        let keys = steps.enumerated().map { SortKey(step: $1, index: $0) }
        var ready = MinHeap<Int>(by: { keys[$0] < keys[$1] })
        for index in 0..<steps.count where predecessorCount[index] == 0 { ready.push(index) }
        var result: [Int] = []
        result.reserveCapacity(steps.count)
        while let next = ready.pop() {
            result.append(next)
            for successor in successors[next] {
                predecessorCount[successor] -= 1
                if predecessorCount[successor] == 0 { ready.push(successor) }
            }
        }
        if result.count < steps.count {
            let stuck = (0..<steps.count).filter { predecessorCount[$0] > 0 }
            let objects = stuck.map { steps[$0].change.object }
            throw PlanError(
                code: .dependencyCycle,
                message: "these changes depend on each other in a cycle: "
                    + objects.map(\.description).joined(separator: ", "),
                objects: objects
            )
        }
        return result
    }

    private struct SortKey: Comparable {
        let rank: Int
        let kind: Int
        let object: ObjectID
        let index: Int

        init(step: PlanStep, index: Int) {
            let change = step.change
            switch change.action {
            case "drop": rank = 0
            case "rename": rank = 1
            case "alter", "replace": rank = 2
            case "create": rank = 3
            default: rank = 4
            }
            kind = Self.kindRank(change.object)
            object = change.object
            self.index = index
        }

        static func kindRank(_ id: ObjectID) -> Int {
            switch id {
            case .namespace: return 0
            case .extension: return 1
            case .collation: return 2
            case .type: return 3
            case .sequence: return 4
            case .table: return 5
            case .column: return 6
            case .constraint: return 7
            case .index: return 8
            case .view: return 9
            // After tables and views: the body of a plain SQL function may read them
            // without a catalogued dependency, and PostgreSQL checks it on creation.
            case .routine: return 10
            case .operator: return 11
            case .cast: return 12
            case .textSearchDictionary: return 13
            case .textSearchConfiguration: return 14
            case .statistics: return 15
            case .trigger: return 16
            case .rule: return 17
            case .policy: return 18
            case .defaultPrivileges: return 19
            }
        }

        static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
            if lhs.object != rhs.object { return lhs.object < rhs.object }
            return lhs.index < rhs.index
        }
    }
}
