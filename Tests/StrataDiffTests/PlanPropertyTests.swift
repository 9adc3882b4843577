import PropertyBased
import StrataDiff
import StrataSchema
import StrataTestSupport
import Testing

/// Invariants of plans between random pairs of small schemas. Without a server the plan
/// cannot be applied, so a model of which objects exist is run over the statements instead.
@Suite struct PlanPropertyTests {
    @Test("plans between random schemas are well ordered and converge in the object model")
    func randomPairs() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0 ... .max), Gen.int64(in: 0 ... .max)) { first, second in
            var generator = RandomSchema(seed: UInt64(first))
            let source = generator.schema()
            generator = RandomSchema(seed: UInt64(second))
            let target = generator.schema()
            check(source, target)
        }
    }

    private func check(_ source: Schema, _ target: Schema) {
        do {
            #expect(try SchemaDiffer.plan(from: source, to: source).isEmpty)
            let plan = try SchemaDiffer.plan(from: source, to: target)
            #expect(try SchemaDiffer.plan(from: source, to: target) == plan, "planning is deterministic")
            var model = ObjectModel(source, references: target)
            for (position, statement) in plan.statements.enumerated() {
                model.apply(statement, at: position)
            }
            #expect(model.problems == [], "\(plan.sql())")
            #expect(model.objects == ObjectModel(target).objects, "\(plan.sql())")
            // Every drop of an object comes before its re-creation.
            for (position, statement) in plan.statements.enumerated() where statement.action == "create" {
                #expect(!plan.statements[(position + 1)...].contains { $0.action == "drop" && $0.object == statement.object })
            }
        } catch {
            Issue.record("planning threw \(error) for\n\(source)\n→\n\(target)")
        }
    }
}

/// Which objects exist, updated statement by statement: a create needs its object absent and
/// what it refers to present; an alter or drop needs its object present.
struct ObjectModel {
    private(set) var objects: Set<ObjectID> = []
    private var members: [ObjectID: Set<ObjectID>] = [:]
    private var ownedSequences: [ObjectID: Set<ObjectID>] = [:]
    private let referenced: [ObjectID: Set<ObjectID>]
    private(set) var problems: [String] = []

    /// The objects of `schema`; creates are checked against the references of `target`.
    init(_ schema: Schema, references target: Schema? = nil) {
        var references: [ObjectID: Set<ObjectID>] = [:]
        let target = target ?? schema
        for dependency in target.dependencies { references[dependency.from, default: []].insert(dependency.to) }
        for table in target.tables {
            for constraint in table.constraints where constraint.kind == .foreignKey {
                if let other = constraint.referencedTable { references[.constraint(table: table.name, name: constraint.name), default: []].insert(.table(other)) }
            }
        }
        referenced = references
        for namespace in schema.namespaces { objects.insert(.namespace(namespace.name)) }
        for item in schema.extensions { objects.insert(.extension(item.name)) }
        for item in schema.enums { objects.insert(.type(item.name)) }
        for item in schema.sequences {
            objects.insert(.sequence(item.name))
            if let owner = item.ownedBy { ownedSequences[.column(table: owner.table, name: owner.column), default: []].insert(.sequence(item.name)) }
        }
        for routine in schema.routines { objects.insert(routine.id) }
        for table in schema.tables { add(table) }
        for view in schema.views {
            objects.insert(.view(view.name))
            for index in view.indexes { objects.insert(.index(index.name)); members[.view(view.name), default: []].insert(.index(index.name)) }
        }
    }

    private mutating func add(_ table: Table) {
        let id = ObjectID.table(table.name)
        var owned: Set<ObjectID> = []
        owned.formUnion(table.columns.map { .column(table: table.name, name: $0.name) })
        owned.formUnion(table.constraints.map { .constraint(table: table.name, name: $0.name) })
        owned.formUnion(table.indexes.map { .index($0.name) })
        owned.formUnion(table.triggers.map { .trigger(table: table.name, name: $0.name) })
        owned.formUnion(table.policies.map { .policy(table: table.name, name: $0.name) })
        objects.insert(id)
        objects.formUnion(owned)
        members[id, default: []].formUnion(owned)
    }

    private mutating func problem(_ text: String, _ position: Int) { problems.append("#\(position): \(text)") }

    mutating func apply(_ statement: PlannedStatement, at position: Int) {
        let object = statement.object
        for needed in referenced[object] ?? [] where statement.action == "create" && !objects.contains(needed) {
            problem("\(object) refers to \(needed) before it exists", position)
        }
        switch statement.change {
        case .createTable(let table):
            if objects.contains(object) { problem("\(object) created twice", position) }
            add(table)
        case .addColumn, .addConstraint, .createIndex, .createView, .createRoutine, .createEnum, .createSequence, .createSchema,
             .createExtension, .createTrigger, .createPolicy, .createDomain, .createCompositeType, .createCollation:
            if objects.contains(object) { problem("\(object) created twice", position) }
            objects.insert(object)
            if let table = object.table { members[.table(table), default: []].insert(object) }
            if case .createIndex(let index, _) = statement.change {
                members[.table(index.table), default: []].insert(object)
                members[.view(index.table), default: []].insert(object)
            }
        case .dropTable, .dropColumn, .dropConstraint, .dropIndex, .dropView, .dropRoutine, .dropType, .dropSequence, .dropSchema,
             .dropExtension, .dropTrigger, .dropPolicy, .dropDomain, .dropCollation:
            if !objects.contains(object) { problem("\(object) dropped but missing", position) }
            remove(object)
        case .renameType(let name, let newName, _, _):
            remove(.type(name))
            objects.insert(.type(QualifiedName(name.schema, newName)))
        case .setComment:
            break
        default:
            if !objects.contains(object) { problem("\(statement.action) of missing \(object)", position) }
        }
    }

    private mutating func remove(_ object: ObjectID) {
        objects.remove(object)
        for member in members[object] ?? [] { remove(member) }
        members[object] = nil
        for sequence in ownedSequences[object] ?? [] { objects.remove(sequence) }
    }
}
