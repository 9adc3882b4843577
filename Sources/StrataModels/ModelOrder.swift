import StrataGraph
import StrataSQL
import StrataSchema

/// The order in which the compiled SQL creates domains, sequences, functions, tables and views:
/// a topological sort over what each one uses, read with StrataSQL's reference analysis
/// (``SQLReference``, ``RoutineDefinition``), never by matching words of its text.
///
/// Hard edges (PostgreSQL resolves them at creation): a domain's default and checks; a table's
/// parents, column types, defaults, generated columns, checks and exclusions; a function's
/// parameter and result types and defaults, and its standard body (`BEGIN ATOMIC`, `RETURN`); a
/// view's query. Soft edges: the functions and views a function's string body uses. The compiled
/// file runs with `check_function_bodies` off, so string bodies are not checked; they run only
/// when a materialized view is filled at creation, after every table exists, which is what the
/// soft edges keep right. A soft edge gives way where it would close a cycle.
///
/// Everything goes in two groups around the foreign keys, indexes and sequence owners: before
/// them domains, sequences, functions and tables; after them views and the functions that need a
/// view. Ties go by kind (domains, sequences, functions, tables, views), then declaration order,
/// so the output is deterministic.
struct ModelOrder {
    enum Unit: Hashable {
        case domain(Int), sequence(Int), function(Int), table(Int)
        case view(Int, materialized: Bool)

        fileprivate var rank: Int {
            switch self {
            case .domain: 0
            case .sequence: 1
            case .function: 2
            case .table: 3
            case .view: 4
            }
        }

        fileprivate var declaration: Int {
            switch self {
            case .domain(let index), .sequence(let index), .function(let index), .table(let index): index
            case .view(let index, let materialized): materialized ? 1_000_000 + index : index
            }
        }
    }

    /// Created before the foreign keys, indexes and sequence owners.
    private(set) var early: [Unit] = []
    /// Created after them: views, and functions that need a view.
    private(set) var late: [Unit] = []

    init(model: ModelSet) {
        var units: [Unit] = model.domains.indices.map { .domain($0) } + model.sequences.indices.map { .sequence($0) }
        units += model.functions.indices.map { .function($0) } + model.tables.indices.map { .table($0) }
        units += model.views.indices.map { .view($0, materialized: false) } + model.materializedViews.indices.map { .view($0, materialized: true) }

        var names = NameTable()
        for (index, item) in model.domains.enumerated() { names.relations[item.name] = .domain(index) }
        for (index, item) in model.sequences.enumerated() { names.relations[item.name] = .sequence(index) }
        for (index, item) in model.tables.enumerated() { names.relations[item.name] = .table(index) }
        for (index, item) in model.views.enumerated() { names.relations[item.name] = .view(index, materialized: false) }
        for (index, item) in model.materializedViews.enumerated() { names.relations[item.name] = .view(index, materialized: true) }
        let definitions = model.functions.map { RoutineDefinition($0.sql) }
        for (index, definition) in definitions.enumerated() {
            guard let parts = definition?.name, let last = parts.last else { continue }
            let name = QualifiedName(parts.count > 1 ? parts[parts.count - 2] : "public", last)
            names.routines[name, default: []].append(.function(index))
        }

        var hard: [Unit: Set<Unit>] = [:], soft: [Unit: Set<Unit>] = [:]
        for (index, item) in model.domains.enumerated() {
            let texts = [item.type.spelling, item.defaultSQL].compactMap { $0 } + item.checks.map(\.expression)
            hard[.domain(index)] = names.resolve(texts.flatMap(SQLReference.all(in:)))
        }
        for (index, table) in model.tables.enumerated() {
            var texts = table.columns.flatMap { [$0.type.spelling, $0.defaultSQL, $0.generated, $0.check].compactMap { $0 } }
            texts += table.checks.map(\.expression) + table.exclusions.map(\.body)
            var uses = names.resolve(texts.flatMap(SQLReference.all(in:)))
            for parent in table.inherits + [table.partitionParent].compactMap({ $0 }) {
                if let unit = names.relations[parent] { uses.insert(unit) }
            }
            hard[.table(index)] = uses
        }
        for (index, view) in model.views.enumerated() { hard[.view(index, materialized: false)] = names.resolve(SQLReference.all(in: view.query)) }
        for (index, view) in model.materializedViews.enumerated() {
            hard[.view(index, materialized: true)] = names.resolve(SQLReference.all(in: view.query))
        }
        for (index, definition) in definitions.enumerated() {
            guard let definition else { continue }
            let unit = Unit.function(index)
            var uses = names.resolve(definition.signatureReferences)
            let body = definition.bodyReferences().used
            let schema = definition.name.count > 1 ? definition.name[definition.name.count - 2] : "public"
            let path = definition.searchPath ?? (schema == "public" ? ["public"] : [schema, "public"])
            switch definition.body {
            case .standard?:
                uses.formUnion(names.resolve(body, path: path))
            case .string?:
                soft[unit] = names.resolve(body, path: path).filter { if case .table = $0 { false } else if case .domain = $0 { false } else { true } }
            case nil:
                break
            }
            uses.remove(unit)
            hard[unit] = uses
            soft[unit]?.remove(unit)
        }

        // Views, and functions that need one (through hard edges), come after the indexes.
        var isLate = Set(units.filter { if case .view = $0 { true } else { false } })
        var changed = true
        while changed {
            changed = false
            for unit in units where !isLate.contains(unit) {
                guard case .function = unit, !(hard[unit] ?? []).isDisjoint(with: isLate) else { continue }
                isLate.insert(unit)
                changed = true
            }
        }
        early = Self.sorted(units.filter { !isLate.contains($0) }, hard: hard, soft: soft)
        late = Self.sorted(units.filter { isLate.contains($0) }, hard: hard, soft: soft)
    }

    /// A topological sort of `units` (edges to units outside them are ignored), smallest
    /// (kind, declaration) first among the ready ones; a soft edge gives way where it would
    /// close a cycle (``PreferenceOrder``). A cycle of hard edges, which PostgreSQL rejects
    /// when it loads the file, keeps the units it holds in (kind, declaration) order after
    /// the others, so that the error names the first of them.
    private static func sorted(_ units: [Unit], hard: [Unit: Set<Unit>], soft: [Unit: Set<Unit>]) -> [Unit] {
        let order = units.sorted { ($0.rank, $0.declaration) < ($1.rank, $1.declaration) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var hardSuccessors = Array(repeating: Set<Int>(), count: order.count), softSuccessors = hardSuccessors
        for (index, unit) in order.enumerated() {
            for predecessor in (hard[unit] ?? []).compactMap({ position[$0] }) { hardSuccessors[predecessor].insert(index) }
            for predecessor in (soft[unit] ?? []).compactMap({ position[$0] }) { softSuccessors[predecessor].insert(index) }
        }
        do {
            return try PreferenceOrder.order(count: order.count, hard: hardSuccessors, soft: softSuccessors) { $0 < $1 }.map { order[$0] }
        } catch {
            let placed = Set(error.ordered)
            return (error.ordered + order.indices.filter { !placed.contains($0) }).map { order[$0] }
        }
    }
}

/// The model's objects by name, for resolving references.
private struct NameTable {
    var relations: [QualifiedName: ModelOrder.Unit] = [:]
    var routines: [QualifiedName: [ModelOrder.Unit]] = [:]

    /// The units `references` name: qualified names exactly, unqualified ones in the first schema
    /// of `path` that has the name.
    func resolve(_ references: [SQLReference], path: [String] = ["public"]) -> Set<ModelOrder.Unit> {
        var found = Set<ModelOrder.Unit>()
        for reference in references {
            let parts = reference.parts
            switch reference.usage {
            case .call:
                if parts.count == 1 {
                    if let schema = path.first(where: { routines[QualifiedName($0, parts[0])] != nil }) {
                        found.formUnion(routines[QualifiedName(schema, parts[0])] ?? [])
                    }
                } else {
                    found.formUnion(routines[QualifiedName(parts[parts.count - 2], parts[parts.count - 1])] ?? [])
                }
            case .name:
                if parts.count >= 2, let unit = relations[QualifiedName(parts[0], parts[1])] {
                    found.insert(unit)
                } else if let schema = path.first(where: { relations[QualifiedName($0, parts[0])] != nil }) {
                    found.insert(relations[QualifiedName(schema, parts[0])]!)
                }
            }
        }
        return found
    }
}
