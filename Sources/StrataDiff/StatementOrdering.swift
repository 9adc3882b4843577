import StrataSchema

/// Orders the steps of a plan with one topological sort.
///
/// Edges, for steps `a` and `b`:
/// - `a` removes an object (or relation name) that `b` adds: the drop comes first;
/// - `a` adds or modifies an object that `b` needs in its target shape, or adds one that
///   `b` requires to exist: `a` comes first (creates after what they need, in the target graph);
/// - `a` frees a source dependency that `b` removes, modifies or re-adds: `a` comes first
///   (drops before what they depend on, in the source graph);
/// - explicit local edges of the step list;
/// - soft: `a` adds or modifies an object that the body of `b`'s routine uses
///   (``PlanStep/prefers``): `a` comes first, unless that closes a cycle.
///
/// Soft edges are preferences, because a body's references are read lexically and may
/// over-approximate, and because a body may use an object that itself needs the routine (a
/// table whose default calls the function that counts its rows). They never turn a plan into a
/// cycle error: when every step left waits for another, the sort finds the groups of steps that
/// wait only on each other (strongly connected components) and lets go of the soft edges into
/// one step of such a group that waits on no hard edge. ``uncheckedBodies(_:order:)`` then names
/// the routines created before something PostgreSQL checks in their body.
///
/// Ties are broken by a rank (drops, renames, alters and replaces, creates, then the rest:
/// comments, grants, revokes, owners), then by object kind, then by object identity, then by
/// the order the steps were made, so the output is stable.
enum StatementOrdering {
    static func order(_ list: StepList) throws -> [Int] {
        let steps = list.steps
        let index = StepIndex(steps)
        var successors = Array(repeating: Set<Int>(), count: steps.count)
        var softSuccessors = Array(repeating: Set<Int>(), count: steps.count)
        var hardCount = Array(repeating: 0, count: steps.count)
        var softCount = Array(repeating: 0, count: steps.count)
        func edge(_ a: Int, _ b: Int) {
            guard a != b, successors[a].insert(b).inserted else { return }
            hardCount[b] += 1
        }
        for (b, step) in steps.enumerated() {
            for id in step.adds { for a in index.removedBy[id] ?? [] { edge(a, b) } }
            for name in step.takesNames { for a in index.nameReleasedBy[name] ?? [] { edge(a, b) } }
            for id in step.needs {
                for a in index.addedBy[id] ?? [] { edge(a, b) }
                for a in index.modifiedBy[id] ?? [] { edge(a, b) }
            }
            for id in step.requires { for a in index.addedBy[id] ?? [] { edge(a, b) } }
            for id in step.removes.union(step.modifies).union(step.adds) {
                for a in index.freedBy[id] ?? [] { edge(a, b) }
            }
        }
        for (a, b) in list.edges { edge(a, b) }
        // Soft edges last, where no hard edge already orders the pair.
        for (b, step) in steps.enumerated() where !step.prefers.isEmpty {
            for a in index.producers(of: step.prefers) where a != b && !successors[a].contains(b) {
                if softSuccessors[a].insert(b).inserted { softCount[b] += 1 }
            }
        }

        let keys = steps.enumerated().map { SortKey(step: $1, index: $0) }
        var ready = MinHeap<Int>(by: { keys[$0] < keys[$1] })
        var done = Array(repeating: false, count: steps.count)
        var released = Array(repeating: false, count: steps.count)
        for step in 0..<steps.count where hardCount[step] == 0 && softCount[step] == 0 { ready.push(step) }
        var result: [Int] = []
        result.reserveCapacity(steps.count)
        while result.count < steps.count {
            guard let next = ready.pop() else {
                // Every step left waits for another: let go of soft edges into one of them.
                let waiting = (0..<steps.count).filter { !done[$0] && !released[$0] }
                guard let step = releasable(waiting, successors: successors, softSuccessors: softSuccessors, hardCount: hardCount, keys: keys) else {
                    let stuck = waiting.filter { hardCount[$0] > 0 }
                    let objects = stuck.map { steps[$0].change.object }
                    throw PlanError(
                        code: .dependencyCycle,
                        message: "these changes depend on each other in a cycle: "
                            + objects.map(\.description).joined(separator: ", "),
                        objects: objects
                    )
                }
                released[step] = true
                ready.push(step)
                continue
            }
            done[next] = true
            result.append(next)
            for successor in successors[next] {
                hardCount[successor] -= 1
                if hardCount[successor] == 0 && softCount[successor] == 0 && !released[successor] { ready.push(successor) }
            }
            for successor in softSuccessors[next] {
                softCount[successor] -= 1
                if hardCount[successor] == 0 && softCount[successor] == 0 && !released[successor] { ready.push(successor) }
            }
        }
        return result
    }

    /// The step to release when every step in `waiting` waits for another: among the groups of
    /// steps that wait only on steps of their own group (source components of the waiting
    /// graph), the first by sort key that waits on no hard edge. `nil` when there is none: a
    /// cycle of hard edges.
    private static func releasable(
        _ waiting: [Int], successors: [Set<Int>], softSuccessors: [Set<Int>], hardCount: [Int], keys: [SortKey]
    ) -> Int? {
        let isWaiting = Set(waiting)
        let components = StronglyConnectedComponents(nodes: waiting) { node in
            successors[node].union(softSuccessors[node]).filter { isWaiting.contains($0) }
        }
        var hasOutsidePredecessor = Array(repeating: false, count: components.count)
        for node in waiting {
            for successor in successors[node].union(softSuccessors[node]) where isWaiting.contains(successor) {
                if components.component(of: node) != components.component(of: successor) {
                    hasOutsidePredecessor[components.component(of: successor)] = true
                }
            }
        }
        return waiting
            .filter { !hasOutsidePredecessor[components.component(of: $0)] && hardCount[$0] == 0 }
            .min { keys[$0] < keys[$1] }
    }

    /// The steps, in `order`, that create or replace a routine before a step that adds or
    /// modifies something PostgreSQL checks in the routine's body (``PlanStep/checkedAtCreation``):
    /// they must run with `check_function_bodies` off.
    static func uncheckedBodies(_ list: StepList, order: [Int]) -> Set<Int> {
        let steps = list.steps
        let index = StepIndex(steps)
        var position = Array(repeating: 0, count: steps.count)
        for (place, step) in order.enumerated() { position[step] = place }
        var result = Set<Int>()
        for (b, step) in steps.enumerated() where !step.checkedAtCreation.isEmpty {
            if index.producers(of: step.checkedAtCreation).contains(where: { position[$0] > position[b] }) { result.insert(b) }
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
            // After tables and views when nothing orders them: a routine's body usually
            // reads them (the soft edges say so where the body is readable).
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

/// Which steps add, modify, remove, free or release each object, for building edges.
private struct StepIndex {
    var addedBy: [ObjectID: [Int]] = [:], modifiedBy: [ObjectID: [Int]] = [:], removedBy: [ObjectID: [Int]] = [:]
    var freedBy: [ObjectID: [Int]] = [:], nameReleasedBy: [QualifiedName: [Int]] = [:]

    init(_ steps: [PlanStep]) {
        for (index, step) in steps.enumerated() {
            for id in step.adds { addedBy[id, default: []].append(index) }
            for id in step.modifies { modifiedBy[id, default: []].append(index) }
            for id in step.removes { removedBy[id, default: []].append(index) }
            for id in step.frees { freedBy[id, default: []].append(index) }
            for name in step.releasesNames { nameReleasedBy[name, default: []].append(index) }
        }
    }

    /// The steps that add or modify any of `ids`, in step order.
    func producers(of ids: Set<ObjectID>) -> [Int] {
        var result = Set<Int>()
        for id in ids {
            result.formUnion(addedBy[id] ?? [])
            result.formUnion(modifiedBy[id] ?? [])
        }
        return result.sorted()
    }
}
