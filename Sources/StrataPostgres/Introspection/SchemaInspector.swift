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
/// everything on them, and the schemas that ``Options`` filters out. Foreign tables,
/// rules other than a view's, aggregates, operators, casts, text-search objects, range
/// types, event triggers, owners and privileges are not part of the model.
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

        public init(includeSchemas: [String]? = nil, excludeSchemas: [String] = [], excludeTables: [QualifiedName] = []) {
            self.includeSchemas = includeSchemas
            self.excludeSchemas = excludeSchemas
            self.excludeTables = excludeTables
        }
    }

    public var options: Options

    public init(options: Options = .init()) {
        self.options = options
    }

    /// How many catalog queries ``inspect(_:)`` runs (besides `BEGIN`, `SET LOCAL` and
    /// `COMMIT`), however many objects the database holds.
    public static let queryCount = 16

    /// Reads the schema in one `REPEATABLE READ, READ ONLY` transaction with
    /// `SET LOCAL search_path = pg_catalog`, and returns it sorted (``Schema/sorted()``).
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
            try await session.execute("SET LOCAL search_path = pg_catalog")
            let schema = try await read(session)
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
    public func script() throws -> String {
        let parameters = try CatalogQueries.parameters(options)
        let queries: [any CatalogQuery.Type] = [
            NamespaceCatalog.self, ExtensionCatalog.self, CollationCatalog.self, EnumCatalog.self, DomainCatalog.self,
            CompositeTypeCatalog.self, SequenceCatalog.self, RoutineCatalog.self, TableCatalog.self, ViewCatalog.self,
            ColumnCatalog.self, ConstraintCatalog.self, IndexCatalog.self, TriggerCatalog.self, PolicyCatalog.self,
            DependencyCatalog.self,
        ]
        var text = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSET LOCAL search_path = pg_catalog;\n"
        for query in queries {
            var sql = CatalogQueries.prelude + query.sql
            // $3 before $1 and $2 cannot clash: there are only three parameters.
            for (index, value) in parameters.enumerated().reversed() {
                sql = sql.replacingOccurrences(of: "$\(index + 1)", with: value.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL")
            }
            text += "-- \(query.name)\n" + sql + ";\n"
        }
        return text + "COMMIT;\n"
    }

    private func read(_ session: any DatabaseSession) async throws -> Schema {
        let reader = CatalogReader(session: session, parameters: try CatalogQueries.parameters(options))
        var schema = Schema()
        schema.namespaces = try await reader.read(NamespaceCatalog.self)
        schema.extensions = try await reader.read(ExtensionCatalog.self)
        schema.collations = try await reader.read(CollationCatalog.self)
        schema.enums = try await reader.read(EnumCatalog.self)
        schema.domains = try await reader.read(DomainCatalog.self)
        schema.compositeTypes = try await reader.read(CompositeTypeCatalog.self)
        schema.sequences = try await reader.read(SequenceCatalog.self)
        schema.routines = try await reader.read(RoutineCatalog.self)

        var relations = RelationAssembly()
        for (oid, table) in try await reader.read(TableCatalog.self) { relations.add(table, oid: oid) }
        for (oid, view) in try await reader.read(ViewCatalog.self) { relations.add(view, oid: oid) }
        for (oid, column) in try await reader.read(ColumnCatalog.self) {
            relations.update(table: oid) { $0.columns.append(column) }
        }
        for (oid, constraint) in try await reader.read(ConstraintCatalog.self) {
            relations.update(table: oid) { $0.constraints.append(constraint) }
        }
        for (oid, index) in try await reader.read(IndexCatalog.self) {
            relations.add(index, relation: oid)
        }
        for (oid, trigger) in try await reader.read(TriggerCatalog.self) {
            relations.add(trigger, relation: oid)
        }
        for (oid, policy) in try await reader.read(PolicyCatalog.self) {
            relations.update(table: oid) { $0.policies.append(policy) }
        }
        schema.tables = relations.tables
        schema.views = relations.views

        let dependencies = try await reader.read(DependencyCatalog.self)
        let known = schema.objectIDs()
        schema.dependencies = dependencies.filter { known.contains($0.from) && known.contains($0.to) && $0.from != $0.to }
        return schema.sorted()
    }
}

/// Runs catalog queries with the prelude and the shared parameters.
private struct CatalogReader {
    let session: any DatabaseSession
    let parameters: [String?]
    let decoder = JSONDecoder()

    func read<Query: CatalogQuery>(_ query: Query.Type) async throws -> [Query.Item] {
        let rows = try await session.query(CatalogQueries.prelude + Query.sql, parameters)
        return try rows.map { try Query.item(CatalogRow(row: $0, query: Query.name, decoder: decoder)) }
    }
}

/// Tables and views by oid, while their members are attached.
private struct RelationAssembly {
    private(set) var tables: [Table] = []
    private(set) var views: [View] = []
    private var tableIndex: [String: Int] = [:]
    private var viewIndex: [String: Int] = [:]

    mutating func add(_ table: Table, oid: String) {
        tableIndex[oid] = tables.count
        tables.append(table)
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

    /// A trigger goes to its table, or to its view.
    mutating func add(_ trigger: Trigger, relation oid: String) {
        if let position = tableIndex[oid] {
            tables[position].triggers.append(trigger)
        } else if let position = viewIndex[oid] {
            views[position].triggers.append(trigger)
        }
    }
}

extension Schema {
    /// The identities of every object in the model, for keeping only the dependency
    /// edges whose both ends are in it.
    fileprivate func objectIDs() -> Set<ObjectID> {
        var ids = Set<ObjectID>()
        ids.formUnion(namespaces.map { .namespace($0.name) })
        ids.formUnion(extensions.map { .extension($0.name) })
        ids.formUnion(collations.map { .collation($0.name) })
        ids.formUnion(enums.map { .type($0.name) })
        ids.formUnion(domains.map { .type($0.name) })
        ids.formUnion(compositeTypes.map { .type($0.name) })
        ids.formUnion(sequences.map { .sequence($0.name) })
        ids.formUnion(routines.map(\.id))
        for table in tables {
            ids.insert(.table(table.name))
            ids.formUnion(table.columns.map { .column(table: table.name, name: $0.name) })
            ids.formUnion(table.constraints.map { .constraint(table: table.name, name: $0.name) })
            ids.formUnion(table.indexes.map { .index($0.name) })
            ids.formUnion(table.triggers.map { .trigger(table: table.name, name: $0.name) })
            ids.formUnion(table.policies.map { .policy(table: table.name, name: $0.name) })
        }
        for view in views {
            ids.insert(.view(view.name))
            ids.formUnion(view.indexes.map { .index($0.name) })
            ids.formUnion(view.triggers.map { .trigger(table: view.name, name: $0.name) })
        }
        return ids
    }
}
