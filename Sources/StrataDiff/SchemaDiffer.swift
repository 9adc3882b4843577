import Dispatch
import StrataSchema

/// Compares two schemas and plans the statements that turn the first into the second.
///
/// Pure: no I/O, no clock, no randomness; the same input always gives the same output.
public enum SchemaDiffer {
    /// The typed changes from `source` to `target`, unordered. Invalid renames are ignored.
    public static func diff(from source: Schema, to target: Schema, options: DiffOptions = .init()) -> [SchemaChange] {
        var applier = RenameApplier(source)
        for rename in options.renames { try? applier.apply(rename) }
        let catalogs = SchemaCatalog.pair(applier.schema, target)
        var builder = PlanBuilder(source: catalogs.source, target: catalogs.target, options: options)
        builder.build()
        return applier.changes + builder.steps.steps.map(\.change)
    }

    /// The ordered, rendered plan from `source` to `target`, each statement with its hazards.
    ///
    /// - Throws: ``PlanError`` when a rename names something that does not exist or
    ///   collides, or when the changes depend on each other in a cycle.
    public static func plan(from source: Schema, to target: Schema, options: DiffOptions = .init()) throws -> Plan {
        var applier = RenameApplier(source)
        for rename in options.renames { try applier.apply(rename) }
        let catalogs = SchemaCatalog.pair(applier.schema, target)
        var builder = PlanBuilder(source: catalogs.source, target: catalogs.target, options: options)
        builder.build()

        // Renames come first, in the order given: everything else compares the renamed source.
        var steps = StepList()
        let renameIndices = applier.changes.map { steps.append(PlanStep(change: $0)) }
        steps.chain(renameIndices)
        let offset = renameIndices.count
        for step in builder.steps.steps {
            let index = steps.append(step)
            if let last = renameIndices.last { steps.order(last, before: index) }
        }
        for (first, second) in builder.steps.edges { steps.order(first + offset, before: second + offset) }

        let order = try StatementOrdering.order(steps)
        let unchecked = StatementOrdering.uncheckedBodies(steps, order: order)
        let context = HazardContext(builder: builder)
        func planned(_ change: SchemaChange, isTransactional: Bool = true) -> PlannedStatement {
            PlannedStatement(
                sql: SQLRenderer.sql(for: change), change: change, object: change.object, action: change.action,
                hazards: change.hazards(in: context), isTransactional: isTransactional
            )
        }
        // Routines created before something their body uses (a cycle through the body) run
        // with check_function_bodies off, as pg_dump creates every routine; consecutive ones
        // share one SET … RESET pair.
        var statements: [PlannedStatement] = []
        var uncheckedRoutine: ObjectID?  // the last routine created with the checks off
        for index in order {
            let step = steps.steps[index]
            if unchecked.contains(index) {
                if uncheckedRoutine == nil { statements.append(planned(.setFunctionBodyChecks(on: false, routine: step.change.object))) }
                uncheckedRoutine = step.change.object
            } else if let routine = uncheckedRoutine {
                statements.append(planned(.setFunctionBodyChecks(on: true, routine: routine)))
                uncheckedRoutine = nil
            }
            statements.append(planned(step.change, isTransactional: step.isTransactional))
        }
        if let routine = uncheckedRoutine { statements.append(planned(.setFunctionBodyChecks(on: true, routine: routine))) }
        return Plan(statements: statements, notCompared: NotComparedEntry.entries(source: source.notCompared, target: target.notCompared))
    }

    /// Drops and adds that look like renames: a dropped and an added table in the same
    /// schema with the same columns (names and types), and a dropped and an added column
    /// of the same type in one table. For the user to confirm; never applied on its own.
    public static func renameCandidates(from source: Schema, to target: Schema) -> [Rename] {
        let sourceTables = Dictionary(source.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let targetTables = Dictionary(target.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func shape(_ table: Table) -> [String: String] {
            Dictionary(table.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        }
        var result: [Rename] = []
        var claimed = Set<QualifiedName>()
        for old in source.tables.sorted(by: { $0.name < $1.name }) where targetTables[old.name] == nil {
            let match = target.tables.sorted(by: { $0.name < $1.name }).first { new in
                sourceTables[new.name] == nil && new.name.schema == old.name.schema && !claimed.contains(new.name)
                    && shape(new) == shape(old)
            }
            if let match {
                claimed.insert(match.name)
                result.append(.table(old.name, to: match.name.name))
            }
        }
        for old in source.tables.sorted(by: { $0.name < $1.name }) {
            guard let new = targetTables[old.name] else { continue }
            let dropped = old.columns.filter { new.column($0.name) == nil }
            var added = new.columns.filter { old.column($0.name) == nil }
            for column in dropped {
                guard let position = added.firstIndex(where: { $0.type == column.type }) else { continue }
                result.append(.column(old.name, from: column.name, to: added[position].name))
                added.remove(at: position)
            }
        }
        return result
    }
}
