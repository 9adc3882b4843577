import StrataGraph
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
        func edge(_ a: Int, _ b: Int) {
            if a != b { successors[a].insert(b) }
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
        for (b, step) in steps.enumerated() where !step.prefers.isEmpty {
            for a in index.producers(of: step.prefers) { softSuccessors[a].insert(b) }
        }

        let keys = steps.enumerated().map { SortKey(step: $1, index: $0) }
        do {
            return try PreferenceOrder.order(count: steps.count, hard: successors, soft: softSuccessors) { keys[$0] < keys[$1] }
        } catch {
            let objects = error.stuck.map { steps[$0].change.object }
            throw PlanError(
                code: .dependencyCycle,
                message: "these changes depend on each other in a cycle: " + objects.map(\.description).joined(separator: ", "),
                objects: objects
            )
        }
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
