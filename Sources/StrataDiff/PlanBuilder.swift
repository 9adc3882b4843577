import StrataSQL
import StrataSchema

/// Turns two catalogs into plan steps. Each object kind has its own file
/// (`PlanBuilder+Tables.swift`, …); this file holds the shared state and the step helpers
/// that derive ordering facts from the source and target dependency graphs.
struct PlanBuilder {
    let source: SchemaCatalog
    let target: SchemaCatalog
    let options: DiffOptions
    var steps = StepList()

    /// Objects in both schemas that are dropped and created again (changed definitions that
    /// cannot be altered in place, and dependents of anything dropped or rebuilt).
    var rebuilt: Set<ObjectID> = []
    /// Columns whose type changes in place (`ALTER COLUMN … TYPE`).
    var retyped: Set<ObjectID> = []
    /// Types rebuilt by renaming the old one away: type → temporary name.
    var rebuiltTypes: [QualifiedName: String] = [:]
    /// Columns whose default is dropped and set again because something it uses is rebuilt.
    var resetDefaults: Set<ObjectID> = []
    /// Sequences dropped implicitly with the column that owns them.
    var implicitlyDroppedSequences: [ObjectID: [QualifiedName]] = [:]

    init(source: SchemaCatalog, target: SchemaCatalog, options: DiffOptions) {
        self.source = source
        self.target = target
        self.options = options
    }

    // MARK: Facts

    /// Whether the object exists in the source and is not dropped or rebuilt by the plan.
    func isKept(_ id: ObjectID) -> Bool {
        source.contains(id) && target.contains(id) && !rebuilt.contains(id)
    }

    /// Whether a table exists in the source, survives, and holds its data during the plan.
    func isExistingTable(_ name: QualifiedName) -> Bool {
        isKept(.table(name))
    }

    /// Whether the plan removes the object from the source (dropped or rebuilt).
    func isRemoved(_ id: ObjectID) -> Bool {
        source.contains(id) && (!target.contains(id) || rebuilt.contains(id))
    }

    // MARK: Steps

    /// A step that creates `id` (with `members`) in its target shape.
    @discardableResult
    mutating func create(_ change: SchemaChange, _ id: ObjectID, members: [ObjectID] = [], extraNeeds: Set<ObjectID> = []) -> Int {
        var step = PlanStep(change: change)
        step.adds = Set([id] + members)
        step.needs = target.dependencies(ofAll: [id] + members).union(extraNeeds).subtracting(step.adds)
        if let owner = target.owner(of: id) { step.requires.insert(owner) }
        step.takesNames = Set(([id] + members).compactMap { target.relationSlot(of: $0) })
        step.prefers = target.bodies.used[id] ?? []
        step.checkedAtCreation = target.bodies.checkedAtCreation[id] ?? []
        return steps.append(step)
    }

    /// A step that drops `id` (with `members`, which go with it).
    @discardableResult
    mutating func drop(_ change: SchemaChange, _ id: ObjectID, members: [ObjectID] = [], isTransactional: Bool = true) -> Int {
        var step = PlanStep(change: change)
        step.removes = Set([id] + members)
        step.frees = source.dependencies(ofAll: [id] + members).subtracting(step.removes)
        step.releasesNames = Set(([id] + members).compactMap { source.relationSlot(of: $0) })
        step.isTransactional = isTransactional
        return steps.append(step)
    }

    /// A step that changes `id` in place: it needs the target dependencies (unless it only
    /// takes something away, like `DROP DEFAULT`) and frees the source dependencies it no
    /// longer has.
    @discardableResult
    mutating func alter(_ change: SchemaChange, _ id: ObjectID, frees extraFrees: Set<ObjectID> = [], needs extraNeeds: Set<ObjectID> = [], onlyRemoves: Bool = false) -> Int {
        var step = PlanStep(change: change)
        step.modifies = [id]
        step.requires = [id]
        let targetDependencies = target.dependencies(of: id)
        step.needs = onlyRemoves ? extraNeeds : targetDependencies.union(extraNeeds)
        step.frees = source.dependencies(of: id).subtracting(targetDependencies).union(extraFrees).subtracting([id])
        step.prefers = target.bodies.used[id] ?? []
        step.checkedAtCreation = target.bodies.checkedAtCreation[id] ?? []
        return steps.append(step)
    }

    /// A `COMMENT ON` step: it only needs its object to exist.
    @discardableResult
    mutating func comment(_ target: CommentTarget, _ text: String?) -> Int {
        var step = PlanStep(change: .setComment(target, text))
        step.requires = [target.object]
        if case .column(let owner, _) = target {
            // Columns of views are not objects of their own: the comment needs the view.
            step.requires.formUnion([.table(owner), .view(owner)])
        }
        return steps.append(step)
    }

    /// Comments for an object being created (nothing when it has none).
    mutating func commentIfAny(_ target: CommentTarget, _ text: String?) {
        if let text { comment(target, text) }
    }

    /// A comment change for an object that exists in both schemas.
    mutating func commentChange(_ target: CommentTarget, from old: String?, to new: String?, recreated: Bool) {
        if recreated { commentIfAny(target, new) } else if old != new { comment(target, new) }
    }

    // MARK: The whole plan

    mutating func build() {
        classify()
        planNamespaces()
        planExtensions()
        planCollations()
        planEnums()
        planDomains()
        planCompositeTypes()
        planRangeTypes()
        planSequences()
        planTables()
        planViews()
        planRoutines()
        planStatistics()
        planCasts()
        planOperators()
        planTextSearch()
        planPrivilegesAndOwners()
    }
}
