import StrataSchema

/// A typed change with what the ordering needs to know about it. Edges between steps are
/// derived from these sets (see ``StatementOrdering``), never from the kind of statement.
struct PlanStep {
    var change: SchemaChange
    /// Objects that exist after the step and not before (created or re-created).
    var adds: Set<ObjectID> = []
    /// Objects that no longer exist after the step (dropped explicitly or by cascade).
    var removes: Set<ObjectID> = []
    /// Objects changed in place.
    var modifies: Set<ObjectID> = []
    /// Objects that must have their target shape before the step (target graph): every step
    /// that adds or modifies one of them comes first.
    var needs: Set<ObjectID> = []
    /// Objects that must merely exist before the step (its table, say): steps that add them
    /// come first.
    var requires: Set<ObjectID> = []
    /// Source-graph dependencies the step lets go of: it comes before any step that removes,
    /// modifies or re-adds them.
    var frees: Set<ObjectID> = []
    /// Objects a routine's body uses (target graph; see ``RoutineBodyReferences``): steps that
    /// add or modify them come first unless that would close a cycle.
    var prefers: Set<ObjectID> = []
    /// The part of `prefers` that PostgreSQL checks when it creates the routine with
    /// `check_function_bodies` on: when a step that adds or modifies one of them comes after
    /// this one, the plan turns the checks off around this step.
    var checkedAtCreation: Set<ObjectID> = []
    /// Relation-namespace names taken and released (a table and a view of the same name).
    var takesNames: Set<QualifiedName> = []
    var releasesNames: Set<QualifiedName> = []
    /// False for `CONCURRENTLY` statements.
    var isTransactional = true
}

/// The steps of a plan being built, with explicit edges for orders that are local to one
/// object (drop a default, change the type, set the default again).
struct StepList {
    private(set) var steps: [PlanStep] = []
    private(set) var edges: [(Int, Int)] = []

    @discardableResult
    mutating func append(_ step: PlanStep) -> Int {
        steps.append(step)
        return steps.count - 1
    }

    /// Marks a step as one that cannot run inside a transaction block.
    mutating func markNonTransactional(_ index: Int) {
        steps[index].isTransactional = false
    }

    /// Changes what a step already made adds, needs, removes ….
    mutating func update(_ index: Int, _ body: (inout PlanStep) -> Void) {
        body(&steps[index])
    }

    /// `first` must run before `second`.
    mutating func order(_ first: Int, before second: Int) {
        edges.append((first, second))
    }

    /// Keeps the given steps in this order.
    mutating func chain(_ indices: [Int]) {
        for (first, second) in zip(indices, indices.dropFirst()) { order(first, before: second) }
    }
}
