import Dispatch
import StrataSQL
import StrataSchema

/// Lookups over one ``Schema`` and its dependency graph: structural edges (a column to its
/// type, sequence and collation; a constraint to its columns and, for a foreign key, to the
/// referenced key; a partition to its parent; a trigger to its function …) plus the catalogued
/// ``Schema/dependencies``, which also name the extensions that objects use (a `citext`
/// column depends on extension `citext`).
struct SchemaCatalog {
    let schema: Schema
    private(set) var tables: [QualifiedName: Table] = [:]
    private(set) var views: [QualifiedName: View] = [:]
    private(set) var enums: [QualifiedName: EnumType] = [:]
    private(set) var domains: [QualifiedName: DomainType] = [:]
    private(set) var composites: [QualifiedName: CompositeType] = [:]
    private(set) var ranges: [QualifiedName: RangeType] = [:]
    private(set) var statistics: [QualifiedName: StatisticsObject] = [:]
    /// The statistics objects of each table, by name.
    private(set) var statisticsByTable: [QualifiedName: [QualifiedName]] = [:]
    private(set) var casts: [ObjectID: Cast] = [:]
    private(set) var operators: [ObjectID: Operator] = [:]
    private(set) var textSearchDictionaries: [QualifiedName: TextSearchDictionary] = [:]
    private(set) var textSearchConfigurations: [QualifiedName: TextSearchConfiguration] = [:]
    private(set) var sequences: [QualifiedName: Sequence] = [:]
    private(set) var collations: [QualifiedName: Collation] = [:]
    private(set) var routines: [ObjectID: Routine] = [:]
    private(set) var namespaces: [String: Namespace] = [:]
    private(set) var extensions: [String: Extension] = [:]
    /// Indexes of tables and materialized views, by name.
    private(set) var indexes: [QualifiedName: Index] = [:]
    /// Every object that exists, members included, each once; its position is its number
    /// in the graph below, which holds numbers rather than identities so that building it
    /// costs one hash of each identity instead of several per edge.
    private(set) var objects: [ObjectID] = []
    private var numbers: [ObjectID: Int] = [:]
    /// Direct dependencies of each object (not including its owner), by number.
    private var dependencyNumbers: [[Int]] = []
    /// Reverse of the dependencies and of the owners, by number.
    private var dependentNumbers: [[Int]] = []
    /// The number of the table or view a member (column, constraint, index, trigger,
    /// policy, rule, statistics object) belongs to.
    private var ownerNumbers: [Int: Int] = [:]
    /// Enum, domain and composite types by their spelling in `format_type` output
    /// (quoted or not), for ``userType(named:)``.
    private(set) var userTypesBySpelling: [String: QualifiedName] = [:]
    /// Sequences by how a `'…'::regclass` literal spells them (quoted or not).
    private(set) var sequencesBySpelling: [String: QualifiedName] = [:]
    /// What routine bodies use: ordering preferences, never dependencies (nothing cascades
    /// through them).
    private(set) var bodies: RoutineBodyReferences
    /// A partition's copies of each key, foreign key, check and index of its partitioned
    /// parent, by the parent's object (direct copies only; see ``allCopies(of:)``).
    private(set) var copiesByOrigin: [ObjectID: [ObjectID]] = [:]

    init(_ schema: Schema) {
        self.schema = schema
        bodies = RoutineBodyReferences(schema: schema)
        reserveCapacity(for: schema)
        for namespace in schema.namespaces { namespaces[namespace.name] = namespace; register(.namespace(namespace.name)) }
        for item in schema.extensions { extensions[item.name] = item; register(.extension(item.name)) }
        for item in schema.collations { collations[item.name] = item; register(.collation(item.name)) }
        for item in schema.enums { enums[item.name] = item; register(.type(item.name)) }
        for item in schema.domains { domains[item.name] = item; register(.type(item.name)) }
        for item in schema.compositeTypes { composites[item.name] = item; register(.type(item.name)) }
        for item in schema.rangeTypes { ranges[item.name] = item; register(.type(item.name)) }
        for item in schema.casts { casts[item.id] = item; register(item.id) }
        for item in schema.operators { operators[item.id] = item; register(item.id) }
        for item in schema.textSearchDictionaries { textSearchDictionaries[item.name] = item; register(.textSearchDictionary(item.name)) }
        for item in schema.textSearchConfigurations {
            textSearchConfigurations[item.name] = item
            register(.textSearchConfiguration(item.name))
        }
        for item in schema.sequences { sequences[item.name] = item; register(.sequence(item.name)) }
        for item in schema.routines { routines[item.id] = item; register(item.id) }
        for view in schema.views {
            views[view.name] = view
            let owner = register(.view(view.name))
            func add(_ member: ObjectID) {
                ownerNumbers[register(member)] = owner
            }
            for index in view.indexes { indexes[index.name] = index; add(.index(index.name)) }
            for trigger in view.triggers { add(.trigger(table: view.name, name: trigger.name)) }
            for rule in view.rules { add(.rule(table: view.name, name: rule.name)) }
        }
        for table in schema.tables {
            tables[table.name] = table
            let owner = register(.table(table.name))
            func add(_ member: ObjectID) {
                ownerNumbers[register(member)] = owner
            }
            for column in table.columns { add(.column(table: table.name, name: column.name)) }
            for constraint in table.constraints { add(.constraint(table: table.name, name: constraint.name)) }
            for index in table.indexes { indexes[index.name] = index; add(.index(index.name)) }
            for trigger in table.triggers { add(.trigger(table: table.name, name: trigger.name)) }
            for policy in table.policies { add(.policy(table: table.name, name: policy.name)) }
            for rule in table.rules { add(.rule(table: table.name, name: rule.name)) }
            for constraint in table.constraints {
                if let origin = Self.origin(of: constraint, in: table) {
                    copiesByOrigin[origin, default: []].append(.constraint(table: table.name, name: constraint.name))
                }
            }
            for index in table.indexes {
                if let parent = index.parentIndex { copiesByOrigin[.index(parent), default: []].append(.index(index.name)) }
            }
        }
        for item in schema.statistics {
            statistics[item.name] = item
            let number = register(item.id)
            // A statistics object goes with its table, like an index.
            if tables[item.table] != nil, let owner = numbers[.table(item.table)] {
                ownerNumbers[number] = owner
                statisticsByTable[item.table, default: []].append(item.name)
            }
        }
        for name in sequences.keys {
            sequencesBySpelling[SQLIdentifier.quote(name.schema) + "." + SQLIdentifier.quote(name.name)] = name
            sequencesBySpelling[SQLIdentifier.qualified(name.schema, name.name)] = name
        }
        // Enums win over domains over composites over ranges when spellings collide, as before.
        for name in (enums.keys.sorted() + domains.keys.sorted() + composites.keys.sorted() + ranges.keys.sorted()).reversed() {
            userTypesBySpelling[SQLIdentifier.quote(name.schema) + "." + SQLIdentifier.quote(name.name)] = name
            userTypesBySpelling[SQLIdentifier.qualified(name.schema, name.name)] = name
        }
        buildGraph()
    }

    /// The catalogs of both sides of a plan, built side by side: on a large schema each is
    /// hundreds of thousands of hash-table updates, and they do not depend on each other.
    /// (Threads are not I/O: the result is the same as building them one after the other.)
    static func pair(_ source: Schema, _ target: Schema) -> (source: SchemaCatalog, target: SchemaCatalog) {
        final class Results: @unchecked Sendable {
            // @unchecked: each slot is written by one iteration only and read after
            // concurrentPerform returns, which orders the writes before the reads.
            var source: SchemaCatalog?
            var target: SchemaCatalog?
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            if side == 0 { results.source = SchemaCatalog(source) } else { results.target = SchemaCatalog(target) }
        }
        return (results.source!, results.target!)
    }

    // MARK: Graph

    /// The object's number, registering it when it is new.
    @discardableResult
    private mutating func register(_ id: ObjectID) -> Int {
        let next = objects.count
        // One lookup: the slot is filled in place when the identity is new.
        let number = Self.fill(&numbers[id, default: -1], with: next)
        if number == next {
            objects.append(id)
            dependencyNumbers.append([])
            dependentNumbers.append([])
        }
        return number
    }

    private static func fill(_ slot: inout Int, with value: Int) -> Int {
        if slot < 0 { slot = value }
        return slot
    }

    /// `from` depends on `to`, when both exist and differ (extensions are objects too).
    private mutating func addEdge(_ from: ObjectID, _ to: ObjectID) {
        guard let target = numbers[to], let source = numbers[from], source != target,
              !dependencyNumbers[source].contains(target) else { return }
        dependencyNumbers[source].append(target)
        dependentNumbers[target].append(source)
    }

    private func identities(_ numbers: [Int]) -> Set<ObjectID> {
        var result = Set<ObjectID>(minimumCapacity: numbers.count)
        for number in numbers { result.insert(objects[number]) }
        return result
    }

    private mutating func buildGraph() {
        let typeNames = userTypeNames()
        func namespaceEdge(_ from: ObjectID, _ schemaName: String) {
            addEdge(from, .namespace(schemaName))
        }
        for item in schema.extensions { namespaceEdge(.extension(item.name), item.schema) }
        for item in schema.collations { namespaceEdge(.collation(item.name), item.name.schema) }
        for item in schema.enums { namespaceEdge(.type(item.name), item.name.schema) }
        for item in schema.domains {
            namespaceEdge(.type(item.name), item.name.schema)
            if let base = typeNames[Self.baseTypeName(item.baseType)] { addEdge(.type(item.name), base) }
            if let collation = item.collation { addEdge(.type(item.name), .collation(collation)) }
        }
        for item in schema.compositeTypes {
            namespaceEdge(.type(item.name), item.name.schema)
            for attribute in item.attributes {
                if let type = typeNames[Self.baseTypeName(attribute.type)] { addEdge(.type(item.name), type) }
                if let collation = attribute.collation { addEdge(.type(item.name), .collation(collation)) }
            }
        }
        for item in schema.rangeTypes {
            namespaceEdge(.type(item.name), item.name.schema)
            if let subtype = typeNames[Self.baseTypeName(item.subtype)] { addEdge(.type(item.name), subtype) }
            if let collation = item.collation { addEdge(.type(item.name), .collation(collation)) }
        }
        for item in schema.sequences { namespaceEdge(.sequence(item.name), item.name.schema) }
        for item in schema.statistics {
            namespaceEdge(item.id, item.name.schema)
            addEdge(item.id, .table(item.table))
        }
        for item in schema.casts {
            for type in [item.source, item.target] {
                if let id = typeNames[Self.baseTypeName(type)] { addEdge(item.id, id) }
            }
            if case .function(let function) = item.method { addEdge(item.id, function) }
        }
        for item in schema.operators {
            namespaceEdge(item.id, item.name.schema)
            for type in [item.leftType, item.rightType].compactMap({ $0 }) {
                if let id = typeNames[Self.baseTypeName(type)] { addEdge(item.id, id) }
            }
            addEdge(item.id, item.function)
        }
        for item in schema.textSearchDictionaries { namespaceEdge(.textSearchDictionary(item.name), item.name.schema) }
        for item in schema.textSearchConfigurations {
            let id = ObjectID.textSearchConfiguration(item.name)
            namespaceEdge(id, item.name.schema)
            for mapping in item.mappings {
                for dictionary in mapping.dictionaries { addEdge(id, .textSearchDictionary(dictionary)) }
            }
        }
        for item in schema.routines { namespaceEdge(item.id, item.name.schema) }
        for view in schema.views {
            namespaceEdge(.view(view.name), view.name.schema)
            for index in view.indexes { addIndexEdges(index) }
            for trigger in view.triggers {
                if let function = trigger.function { addEdge(.trigger(table: view.name, name: trigger.name), function) }
            }
        }
        for table in schema.tables {
            let id = ObjectID.table(table.name)
            namespaceEdge(id, table.name.schema)
            if let partition = table.partitionOf { addEdge(id, .table(partition.parent)) }
            for parent in table.inherits { addEdge(id, .table(parent)) }
            for column in table.columns {
                let columnID = ObjectID.column(table: table.name, name: column.name)
                if let type = typeNames[Self.baseTypeName(column.type)] { addEdge(columnID, type) }
                if let collation = column.collation { addEdge(columnID, .collation(collation)) }
                if let expression = column.defaultExpression {
                    for sequence in sequencesReferenced(by: expression) { addEdge(columnID, .sequence(sequence)) }
                }
                if let expression = column.generatedExpression {
                    for sequence in sequencesReferenced(by: expression) { addEdge(columnID, .sequence(sequence)) }
                }
            }
            for constraint in table.constraints {
                let constraintID = ObjectID.constraint(table: table.name, name: constraint.name)
                for column in constraint.columns { addEdge(constraintID, .column(table: table.name, name: column)) }
                if constraint.kind == .foreignKey, let referenced = constraint.referencedTable {
                    addEdge(constraintID, .table(referenced))
                    for column in constraint.referencedColumns { addEdge(constraintID, .column(table: referenced, name: column)) }
                    if let key = referencedKey(table: referenced, columns: constraint.referencedColumns) { addEdge(constraintID, key) }
                }
            }
            for index in table.indexes { addIndexEdges(index) }
            for trigger in table.triggers {
                if let function = trigger.function { addEdge(.trigger(table: table.name, name: trigger.name), function) }
            }
        }
        for dependency in schema.dependencies {
            let from = normalize(dependency.from), to = normalize(dependency.to)
            // A sequence's dependency on its owning column is ownership (OWNED BY), which is
            // planned as its own statement; it must not order the sequence after the table.
            if case .sequence = from, case .column = to { continue }
            guard numbers[from] != nil else { continue }
            addEdge(from, to)
        }
        for (member, owner) in ownerNumbers where !dependentNumbers[owner].contains(member) {
            dependentNumbers[owner].append(member)
        }
    }

    /// Room for every object, member and edge up front: growing the hash tables one
    /// insertion at a time rehashes every identity several times over.
    private mutating func reserveCapacity(for schema: Schema) {
        var members = 0
        for table in schema.tables {
            members += table.columns.count + table.constraints.count + table.indexes.count
            members += table.triggers.count + table.policies.count + table.rules.count
        }
        for view in schema.views { members += view.indexes.count + view.triggers.count + view.rules.count }
        members += schema.statistics.count
        let counts: [Int] = [
            schema.namespaces.count, schema.extensions.count, schema.collations.count, schema.enums.count,
            schema.domains.count, schema.compositeTypes.count, schema.rangeTypes.count, schema.casts.count,
            schema.operators.count, schema.textSearchDictionaries.count, schema.textSearchConfigurations.count,
            schema.sequences.count, schema.routines.count, schema.views.count, schema.tables.count,
        ]
        let wholeObjects = counts.reduce(0, +)
        objects.reserveCapacity(wholeObjects + members)
        numbers.reserveCapacity(wholeObjects + members)
        dependencyNumbers.reserveCapacity(wholeObjects + members)
        dependentNumbers.reserveCapacity(wholeObjects + members)
        ownerNumbers.reserveCapacity(members)
        tables.reserveCapacity(schema.tables.count)
        indexes.reserveCapacity(members)
    }

    private mutating func addIndexEdges(_ index: Index) {
        let owner: ObjectID = views[index.table] != nil ? .view(index.table) : .table(index.table)
        let id = ObjectID.index(index.name)
        addEdge(id, owner)
        if case .table = owner {
            for column in index.columns.compactMap({ $0 }) { addEdge(id, .column(table: index.table, name: column)) }
        }
    }

    /// A catalogued reference to a column or table that is really a view names the view.
    private func normalize(_ id: ObjectID) -> ObjectID {
        switch id {
        case .table(let name) where views[name] != nil && tables[name] == nil: return .view(name)
        case .column(let table, _) where views[table] != nil && tables[table] == nil: return .view(table)
        default: return id
        }
    }

    /// The primary key or unique constraint, or unique index, over exactly `columns`.
    func referencedKey(table: QualifiedName, columns: [String]) -> ObjectID? {
        guard let table = tables[table] else { return nil }
        let wanted = Set(columns)
        if let key = table.constraints.first(where: { $0.kind == .primaryKey && Set($0.columns) == wanted })
            ?? table.constraints.first(where: { $0.kind == .unique && Set($0.columns) == wanted }) {
            return .constraint(table: table.name, name: key.name)
        }
        if let index = table.indexes.first(where: { $0.isUnique && Set($0.columns.compactMap { $0 }) == wanted && !$0.columns.contains(nil) }) {
            return .index(index.name)
        }
        return nil
    }

    /// How `format_type` spells each user type (and table row type), to find the types a
    /// column or attribute uses.
    private func userTypeNames() -> [String: ObjectID] {
        var names: [String: ObjectID] = [:]
        func add(_ name: QualifiedName, _ id: ObjectID) {
            names[SQLIdentifier.qualified(name.schema, name.name)] = id
            names[SQLIdentifier.quote(name.schema) + "." + SQLIdentifier.quote(name.name)] = id
        }
        for name in tables.keys { add(name, .table(name)) }
        for name in views.keys { add(name, .view(name)) }
        for name in enums.keys { add(name, .type(name)) }
        for name in domains.keys { add(name, .type(name)) }
        for name in composites.keys { add(name, .type(name)) }
        for (name, range) in ranges {
            add(name, .type(name))
            add(range.multirange, .type(name))
        }
        return names
    }

    // MARK: Lookups

    func contains(_ id: ObjectID) -> Bool { numbers[id] != nil }

    func owner(of id: ObjectID) -> ObjectID? {
        numbers[id].flatMap { ownerNumbers[$0] }.map { objects[$0] }
    }

    func dependencies(of id: ObjectID) -> Set<ObjectID> {
        numbers[id].map { identities(dependencyNumbers[$0]) } ?? []
    }

    /// The dependencies of an object and of all its members (a table's columns, constraints …).
    func dependencies(ofAll ids: some Swift.Sequence<ObjectID>) -> Set<ObjectID> {
        var result = Set<ObjectID>()
        for id in ids { result.formUnion(dependencies(of: id)) }
        return result
    }

    func dependents(of id: ObjectID) -> Set<ObjectID> {
        numbers[id].map { identities(dependentNumbers[$0]) } ?? []
    }

    /// The table's members as object identities.
    func members(of table: Table) -> [ObjectID] {
        table.columns.map { .column(table: table.name, name: $0.name) }
            + table.constraints.map { .constraint(table: table.name, name: $0.name) }
            + table.indexes.map { .index($0.name) }
            + table.triggers.map { .trigger(table: table.name, name: $0.name) }
            + table.policies.map { .policy(table: table.name, name: $0.name) }
            + table.rules.map { .rule(table: table.name, name: $0.name) }
            + (statisticsByTable[table.name] ?? []).map { .statistics($0) }
    }

    /// The parent's constraint that a partition's constraint is a copy of: a key or foreign
    /// key with a ``Constraint/parentConstraint``, or a check the partition inherits (which
    /// PostgreSQL names as the parent's). Nil for the table's own constraints.
    static func origin(of constraint: Constraint, in table: Table) -> ObjectID? {
        guard let parent = table.partitionOf?.parent else { return nil }
        if let name = constraint.parentConstraint { return .constraint(table: parent, name: name) }
        if !constraint.isLocal, constraint.kind == .check { return .constraint(table: parent, name: constraint.name) }
        return nil
    }

    /// Every copy of a parent's constraint or index, in partitions and their partitions.
    func allCopies(of origin: ObjectID) -> Set<ObjectID> {
        var result = Set<ObjectID>()
        var pending = copiesByOrigin[origin] ?? []
        while let copy = pending.popLast() {
            if result.insert(copy).inserted { pending += copiesByOrigin[copy] ?? [] }
        }
        return result
    }

    func constraint(_ table: QualifiedName, _ name: String) -> Constraint? {
        tables[table]?.constraints.first { $0.name == name }
    }

    /// The parents a table inherits columns from: its partition parent and `INHERITS` parents.
    func parents(of table: Table) -> [QualifiedName] {
        (table.partitionOf.map { [$0.parent] } ?? []) + table.inherits
    }

    /// Names that live in the relation namespace of a schema (tables, views, sequences,
    /// indexes, and types, which share `pg_type` with row types): two such objects with the
    /// same name cannot coexist, so one must be dropped before the other is created.
    func relationSlot(of id: ObjectID) -> QualifiedName? {
        switch id {
        case .table(let name), .view(let name), .sequence(let name), .index(let name), .type(let name): return name
        case .constraint(let table, let name):
            guard let constraint = constraint(table, name), [.primaryKey, .unique, .exclusion].contains(constraint.kind) else { return nil }
            return QualifiedName(table.schema, constraint.indexName ?? name)
        default: return nil
        }
    }
}
