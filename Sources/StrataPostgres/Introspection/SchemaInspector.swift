import Foundation
import StrataSchema

/// Reads a database's user schema into a ``Schema`` (issue 3, part 1).
///
/// The inspection runs a small, fixed number of catalog queries — one per object kind,
/// whatever the number of objects (see ``queryCount``) — in one `REPEATABLE READ, READ
/// ONLY` transaction, so that every query sees the same snapshot of the catalogs, with
/// `SET LOCAL search_path = pg_catalog`, so that every deparsed expression, type name and
/// definition names user objects with their schema.
///
/// Left out: the system schemas (`pg_catalog`, `information_schema`, `pg_toast*`,
/// `pg_temp_*`), objects that belong to an extension (and extensions installed in
/// `pg_catalog`, such as `plpgsql`), the relations in ``Options/excludeTables`` with
/// everything on them, and the schemas that ``Options`` filters out. What the model does
/// not hold (foreign tables, operator classes, event triggers, a table's tablespace …) is
/// listed in ``Schema/notCompared``, never dropped silently (DESIGN §9). Privileges and
/// owners are read as ``Options/comparison`` says (privileges by default, owners not).
public struct SchemaInspector: Sendable {
    public struct Options: Sendable {
        /// The schemas to read; nil reads every user schema.
        public var includeSchemas: [String]?
        /// Schemas not to read, also when ``includeSchemas`` names them.
        public var excludeSchemas: [String]
        /// Tables (or views) to leave out with their columns, constraints, indexes,
        /// triggers, policies and owned sequences, e.g. the history table
        /// `public.strata_migrations`. Nothing is excluded unless the caller says so.
        public var excludeTables: [QualifiedName]
        /// Whether privileges and owners are read (what is not read is not compared).
        public var comparison: ComparisonScope

        public init(
            includeSchemas: [String]? = nil, excludeSchemas: [String] = [], excludeTables: [QualifiedName] = [],
            comparison: ComparisonScope = .default
        ) {
            self.includeSchemas = includeSchemas
            self.excludeSchemas = excludeSchemas
            self.excludeTables = excludeTables
            self.comparison = comparison
        }
    }

    public var options: Options

    public init(options: Options = .init()) {
        self.options = options
    }

    /// How many catalog queries ``inspect(_:)`` runs with the default options (besides
    /// `BEGIN`, the query that sets `search_path` for the transaction and reads the server's
    /// version, and `COMMIT`), however many objects the database holds.
    public static var queryCount: Int { SchemaInspector().queryCount }

    /// How many catalog queries ``inspect(_:)`` runs with these options: one per object
    /// kind, one for what is not compared, two more for privileges (objects and default
    /// privileges), one for owners.
    public var queryCount: Int { Self.objectQueries.count + privilegeQueries.count }

    /// The queries for objects, in the order they are read.
    private static var objectQueries: [any CatalogQuery.Type] {
        [
            NamespaceCatalog.self, ExtensionCatalog.self, CollationCatalog.self, EnumCatalog.self, DomainCatalog.self,
            CompositeTypeCatalog.self, RangeTypeCatalog.self, SequenceCatalog.self, RoutineCatalog.self, TableCatalog.self,
            ViewCatalog.self, ColumnCatalog.self, ColumnCommentCatalog.self, ConstraintCatalog.self, IndexCatalog.self,
            TriggerCatalog.self, PolicyCatalog.self, RuleCatalog.self, StatisticsCatalog.self, CastCatalog.self, OperatorCatalog.self,
            TextSearchDictionaryCatalog.self, TextSearchConfigurationCatalog.self, NotComparedCatalog.self,
            DependencyCatalog.self,
        ]
    }

    /// The queries for privileges and owners that ``Options/comparison`` asks for.
    private var privilegeQueries: [any CatalogQuery.Type] {
        (options.comparison.privileges ? [PrivilegeCatalog.self, DefaultPrivilegeCatalog.self] : [])
            + (options.comparison.owners ? [OwnerCatalog.self] : [])
    }

    /// Reads the schema in one `REPEATABLE READ, READ ONLY` transaction with `search_path`
    /// set to `pg_catalog` for the transaction (`set_config(…, true)`, as `SET LOCAL`), and
    /// returns it sorted (``Schema/sorted()``).
    ///
    /// The session must not be inside a transaction: PostgreSQL would only warn about
    /// the `BEGIN` (which the session does not report), and the final `COMMIT` would end
    /// the caller's transaction. Outside one, the session is left as it was: the
    /// inspection's transaction ends (committed, or rolled back on failure) and the
    /// `SET LOCAL` ends with it.
    ///
    /// - Throws: ``DatabaseError``: a server error, a lost connection, or (a bug) a
    ///   catalog row that does not have the promised shape.
    public func inspect(_ session: any DatabaseSession) async throws -> Schema {
        try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        do {
            // SET LOCAL search_path, and the server's version for the queries that differ by it.
            let version = try await session.scalar(
                "SELECT current_setting('server_version_num') FROM pg_catalog.set_config('search_path', 'pg_catalog', true)"
            )
            let schema = try await read(session, serverVersion: version.flatMap { Int($0) } ?? CatalogQueries.newestVersion)
            try await session.execute("COMMIT")
            return schema
        } catch {
            try? await session.execute("ROLLBACK")
            throw error
        }
    }

    /// The inspection as one psql script, with the parameters written in as literals:
    /// the same transaction, settings and catalog queries as ``inspect(_:)``. Used by the
    /// benchmarks to time the queries without Strata (`strata debug catalog-queries`).
    ///
    /// - Parameter serverVersion: the `server_version_num` the queries are written for
    ///   (they differ for PostgreSQL 13 only).
    public func script(serverVersion: Int = 170000) throws -> String {
        let parameters = try CatalogQueries.parameters(options)
        let queries = Self.objectQueries + privilegeQueries
        var text = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSET LOCAL search_path = pg_catalog;\n"
        for query in queries {
            var sql = CatalogQueries.prelude + query.sql(serverVersion: serverVersion)
            // $3 before $1 and $2 cannot clash: there are only three parameters.
            for (index, value) in parameters.enumerated().reversed() {
                sql = sql.replacingOccurrences(of: "$\(index + 1)", with: value.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL")
            }
            text += "-- \(query.name)\n" + sql + ";\n"
        }
        return text + "COMMIT;\n"
    }

    func read(_ session: any DatabaseSession, serverVersion: Int) async throws -> Schema {
        let started = PhaseTimeline.isEnabled ? PhaseTimeline.now() : 0
        defer { PhaseTimeline.span("introspection", since: started) }
        let reader = CatalogReader(session: session, parameters: try CatalogQueries.parameters(options), serverVersion: serverVersion)
        // Every query is handed to the session at once: the session runs them one after
        // another, so the server goes on to the next query while the rows of the earlier
        // ones are decoded and the model is built from them, in this order.
        async let namespaceRows = reader.read(NamespaceCatalog.self)
        async let extensionRows = reader.read(ExtensionCatalog.self)
        async let collationRows = reader.read(CollationCatalog.self)
        async let enumRows = reader.read(EnumCatalog.self)
        async let domainRows = reader.read(DomainCatalog.self)
        async let compositeTypeRows = reader.read(CompositeTypeCatalog.self)
        async let rangeTypeRows = reader.read(RangeTypeCatalog.self)
        async let sequenceRows = reader.read(SequenceCatalog.self)
        async let routineRows = reader.read(RoutineCatalog.self)
        async let tableRows = reader.read(TableCatalog.self)
        async let viewRows = reader.read(ViewCatalog.self)
        async let columnRows = reader.read(ColumnCatalog.self)
        async let columnCommentRows = reader.read(ColumnCommentCatalog.self)
        async let constraintRows = reader.read(ConstraintCatalog.self)
        async let indexRows = reader.read(IndexCatalog.self)
        async let triggerRows = reader.read(TriggerCatalog.self)
        async let policyRows = reader.read(PolicyCatalog.self)
        async let ruleRows = reader.read(RuleCatalog.self)
        async let statisticsRows = reader.read(StatisticsCatalog.self)
        async let castRows = reader.read(CastCatalog.self)
        async let operatorRows = reader.read(OperatorCatalog.self)
        async let textSearchDictionaryRows = reader.read(TextSearchDictionaryCatalog.self)
        async let textSearchConfigurationRows = reader.read(TextSearchConfigurationCatalog.self)
        async let notComparedRows = reader.read(NotComparedCatalog.self)
        async let dependencyRows = reader.read(DependencyCatalog.self)
        async let privilegeRows = options.comparison.privileges ? reader.read(PrivilegeCatalog.self) : []
        async let defaultPrivilegeRows = options.comparison.privileges ? reader.read(DefaultPrivilegeCatalog.self) : []
        async let ownerRows = options.comparison.owners ? reader.read(OwnerCatalog.self) : []
        var schema = Schema()
        var resolver = ObjectResolver()
        var extensionNames: [UInt32: String] = [:]

        for (oid, namespace) in try await namespaceRows {
            schema.namespaces.append(namespace)
            resolver.add(SystemCatalog.pgNamespace, oid, .namespace(namespace.name))
        }
        for (oid, item) in try await extensionRows {
            schema.extensions.append(item)
            resolver.add(SystemCatalog.pgExtension, oid, .extension(item.name))
            if let oid { extensionNames[oid] = item.name }
        }
        for (oid, collation) in try await collationRows {
            schema.collations.append(collation)
            resolver.add(SystemCatalog.pgCollation, oid, .collation(collation.name))
        }
        for (oids, type) in try await enumRows {
            schema.enums.append(type)
            for oid in oids { resolver.add(SystemCatalog.pgType, oid, .type(type.name)) }
        }
        for (types, constraints, domain) in try await domainRows {
            schema.domains.append(domain)
            for oid in types { resolver.add(SystemCatalog.pgType, oid, .type(domain.name)) }
            for oid in constraints { resolver.add(SystemCatalog.pgConstraint, oid, .type(domain.name)) }
        }
        for (types, relation, type) in try await compositeTypeRows {
            schema.compositeTypes.append(type)
            for oid in types { resolver.add(SystemCatalog.pgType, oid, .type(type.name)) }
            if let relation { resolver.addRelation(relation, .type(type.name), allColumns: true) }
        }
        for (types, type) in try await rangeTypeRows {
            schema.rangeTypes.append(type)
            for oid in types { resolver.add(SystemCatalog.pgType, oid, .type(type.name)) }
        }
        for (oid, sequence) in try await sequenceRows {
            schema.sequences.append(sequence)
            resolver.add(SystemCatalog.pgClass, oid, .sequence(sequence.name))
        }
        for (oid, routine) in try await routineRows {
            schema.routines.append(routine)
            resolver.add(SystemCatalog.pgProc, oid, routine.id)
        }

        var relations = RelationAssembly()
        for (oid, rowTypes, table) in try await tableRows {
            relations.add(table, oid: oid)
            if let relation = UInt32(oid) { resolver.addRelation(relation, .table(table.name), allColumns: false) }
            for type in rowTypes { resolver.add(SystemCatalog.pgType, type, .table(table.name)) }
        }
        for (oid, rule, rowTypes, view) in try await viewRows {
            relations.add(view, oid: oid)
            if let relation = UInt32(oid) { resolver.addRelation(relation, .view(view.name), allColumns: true) }
            resolver.add(SystemCatalog.pgRewrite, rule, .view(view.name))
            for type in rowTypes { resolver.add(SystemCatalog.pgType, type, .view(view.name)) }
        }
        for (oid, number, defaultOID, column) in try await columnRows {
            guard let table = relations.add(column, number: number, table: oid) else { continue }
            let id = ObjectID.column(table: table, name: column.name)
            resolver.add(SystemCatalog.pgClass, UInt32(oid), id, subID: number, parent: UInt32(oid))
            resolver.add(SystemCatalog.pgAttrdef, defaultOID, id, parent: UInt32(oid))
        }
        relations.orderColumns()
        for (oid, number, comment) in try await columnCommentRows {
            relations.setComment(comment, column: number, table: oid)
        }
        for (oid, constraintOID, indexOID, constraint) in try await constraintRows {
            relations.update(table: oid) { table in
                table.constraints.append(constraint)
                let id = ObjectID.constraint(table: table.name, name: constraint.name)
                resolver.add(SystemCatalog.pgConstraint, constraintOID, id, parent: UInt32(oid))
                // A constraint's index stands for the constraint.
                resolver.add(SystemCatalog.pgClass, indexOID, id, parent: UInt32(oid))
            }
        }
        for (oid, indexOID, index) in try await indexRows {
            relations.add(index, relation: oid)
            resolver.add(SystemCatalog.pgClass, indexOID, .index(index.name), parent: UInt32(oid))
        }
        for (oid, triggerOID, trigger) in try await triggerRows {
            if let owner = relations.add(trigger, relation: oid) {
                resolver.add(SystemCatalog.pgTrigger, triggerOID, .trigger(table: owner, name: trigger.name), parent: UInt32(oid))
            }
        }
        for (oid, policyOID, policy) in try await policyRows {
            relations.update(table: oid) { table in
                table.policies.append(policy)
                resolver.add(SystemCatalog.pgPolicy, policyOID, .policy(table: table.name, name: policy.name), parent: UInt32(oid))
            }
        }
        for (oid, ruleOID, rule) in try await ruleRows {
            if let owner = relations.add(rule, relation: oid) {
                resolver.add(SystemCatalog.pgRewrite, ruleOID, .rule(table: owner, name: rule.name), parent: UInt32(oid))
            }
        }
        schema.tables = relations.tables
        schema.views = relations.views
        for (oid, statistics) in try await statisticsRows {
            schema.statistics.append(statistics)
            resolver.add(SystemCatalog.pgStatisticExt, oid, statistics.id)
        }
        for (oid, cast) in try await castRows {
            schema.casts.append(cast)
            resolver.add(SystemCatalog.pgCast, oid, cast.id)
        }
        for (oid, item) in try await operatorRows {
            schema.operators.append(item)
            resolver.add(SystemCatalog.pgOperator, oid, item.id)
        }
        for (oid, dictionary) in try await textSearchDictionaryRows {
            schema.textSearchDictionaries.append(dictionary)
            resolver.add(SystemCatalog.pgTSDict, oid, .textSearchDictionary(dictionary.name))
        }
        for (oid, configuration) in try await textSearchConfigurationRows {
            schema.textSearchConfigurations.append(configuration)
            resolver.add(SystemCatalog.pgTSConfig, oid, .textSearchConfiguration(configuration.name))
        }
        schema.notCompared = try await notComparedRows

        let links = try await dependencyRows.first ?? DependencyCatalog.Links()
        for (address, extensionOID) in links.members {
            if let name = extensionNames[extensionOID] { resolver.addExtensionMember(address, extension: name) }
        }
        var dependencies = Set<Dependency>()
        for edge in links.edges {
            if let dependency = resolver.dependency(from: edge.from, to: edge.to, automatic: edge.isAutomatic) {
                dependencies.insert(dependency)
            }
        }
        schema.dependencies = Array(dependencies)
        addPrivilegesAndOwners(
            privileges: try await privilegeRows, defaultPrivileges: try await defaultPrivilegeRows, owners: try await ownerRows,
            resolver, into: &schema
        )
        reader.arrivals.report()
        return schema.sorted()
    }
}

/// Runs catalog queries with the prelude and the shared parameters.
struct CatalogReader {
    let session: any DatabaseSession
    let parameters: [String?]
    /// `server_version_num`, for the queries that differ by version.
    let serverVersion: Int
    /// When the queries were handed over and the last rows came back, for the timeline.
    let arrivals = ArrivalTimes()

    func read<Query: CatalogQuery>(_ query: Query.Type) async throws -> [Query.Item] {
        let rows = try await session.query(CatalogQueries.prelude + Query.sql(serverVersion: serverVersion), parameters)
        let received = PhaseTimeline.isEnabled ? PhaseTimeline.now() : 0
        arrivals.record(received)
        defer { PhaseTimeline.span("decoding", since: received) }
        return try rows.map { try Query.item(CatalogRow(row: $0, query: Query.name)) }
    }
}

/// The `catalog-queries` span of the timeline: from the moment the queries are handed to
/// the session (all at once) until the last of them has returned its rows.
final class ArrivalTimes: @unchecked Sendable {
    // @unchecked: `last` is only read and written under `lock`.
    private let started = PhaseTimeline.isEnabled ? PhaseTimeline.now() : 0
    private let lock = NSLock()
    private var last: UInt64 = 0

    func record(_ time: UInt64) {
        guard PhaseTimeline.isEnabled else { return }
        lock.withLock { last = max(last, time) }
    }

    func report() {
        guard PhaseTimeline.isEnabled else { return }
        PhaseTimeline.span("catalog-queries", from: started, to: lock.withLock { last })
    }
}

/// Tables and views by oid, while their members are attached.
private struct RelationAssembly {
    private(set) var tables: [Table] = []
    private(set) var views: [View] = []
    private var tableIndex: [String: Int] = [:]
    private var viewIndex: [String: Int] = [:]
    /// Each table's column numbers (`attnum`), in the order its columns were added.
    private var columnNumbers: [[Int32]] = []
    /// The tables whose columns came out of order.
    private var unorderedTables: Set<Int> = []

    mutating func add(_ table: Table, oid: String) {
        tableIndex[oid] = tables.count
        tables.append(table)
        columnNumbers.append([])
    }

    /// A column goes to its table (nil when the table is not in the model); returns the
    /// table's name.
    mutating func add(_ column: Column, number: Int32, table oid: String) -> QualifiedName? {
        guard let index = tableIndex[oid] else { return nil }
        if let last = columnNumbers[index].last, last > number { unorderedTables.insert(index) }
        tables[index].columns.append(column)
        columnNumbers[index].append(number)
        return tables[index].name
    }

    /// Sets the comment of a table's column (`attnum`); a column not in the model is ignored.
    mutating func setComment(_ comment: String, column number: Int32, table oid: String) {
        guard let index = tableIndex[oid], let position = columnNumbers[index].firstIndex(of: number) else { return }
        tables[index].columns[position].comment = comment
    }

    /// Puts the columns of every table in `attnum` order (the query does not sort them).
    mutating func orderColumns() {
        for index in unorderedTables {
            let numbered = zip(columnNumbers[index], tables[index].columns).sorted { $0.0 < $1.0 }
            tables[index].columns = numbered.map(\.1)
            columnNumbers[index] = numbered.map(\.0)
        }
        unorderedTables = []
    }

    mutating func add(_ view: View, oid: String) {
        viewIndex[oid] = views.count
        views.append(view)
    }

    /// Runs `body` on the table with this oid; rows for relations that are not in the
    /// model (none, by the queries' joins) are ignored.
    mutating func update(table oid: String, _ body: (inout Table) -> Void) {
        guard let index = tableIndex[oid] else { return }
        body(&tables[index])
    }

    /// An index goes to its table, or to its materialized view.
    mutating func add(_ index: Index, relation oid: String) {
        var index = index
        if let position = tableIndex[oid] {
            index.table = tables[position].name
            tables[position].indexes.append(index)
        } else if let position = viewIndex[oid] {
            index.table = views[position].name
            views[position].indexes.append(index)
        }
    }

    /// A rule goes to its table, or to its view; returns that relation's name.
    @discardableResult
    mutating func add(_ rule: Rule, relation oid: String) -> QualifiedName? {
        if let position = tableIndex[oid] {
            tables[position].rules.append(rule)
            return tables[position].name
        } else if let position = viewIndex[oid] {
            views[position].rules.append(rule)
            return views[position].name
        }
        return nil
    }

    /// A trigger goes to its table, or to its view; returns that relation's name.
    @discardableResult
    mutating func add(_ trigger: Trigger, relation oid: String) -> QualifiedName? {
        if let position = tableIndex[oid] {
            tables[position].triggers.append(trigger)
            return tables[position].name
        } else if let position = viewIndex[oid] {
            views[position].triggers.append(trigger)
            return views[position].name
        }
        return nil
    }
}
