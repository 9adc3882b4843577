import PostgresNIO
import StrataPostgres
import StrataSQL

/// A query the server rejected, at its file, line and column.
public struct QueryDescribeError: Error, Sendable, CustomStringConvertible {
    public var query: String
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public var description: String { "\(file):\(line):\(column): query \(query): \(message)" }
}

/// Asks the database the migrations built for the catalog and for each query's parameter
/// and result types (the I/O edge of code generation).
///
/// A query is prepared (`PREPARE`), which checks it and types its parameters
/// (`pg_prepared_statements`); then it is executed once with every parameter NULL inside a
/// transaction that is rolled back, for the server's description of its result columns: each
/// column's type and, where the server can trace it, the table column it comes from. The
/// database is a scratch one, so the execution touches nothing of the user's.
public struct QueryDescriber {
    let session: PostgresSession
    /// The history table, left out of the row types.
    let historyTable: (schema: String, name: String)

    public init(session: PostgresSession, historyTable: (schema: String, name: String)) {
        self.session = session
        self.historyTable = historyTable
    }

    /// Tables, views and every type they and `extraTypes` use.
    public func catalog() async throws -> CodegenCatalog {
        let rows = try await session.query("""
            SELECT n.nspname, c.relname, c.relkind::text, a.attname, a.atttypid::int8,
                   (a.attnotnull OR coalesce(t.typnotnull, false))::text, a.atthasdef::text,
                   a.attidentity::text, a.attgenerated::text,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
            ORDER BY n.nspname, c.relname, a.attnum
            """)
        var relations: [RelationEntry] = []
        for row in rows {
            let schema = row[0] ?? "", name = row[1] ?? ""
            if schema == historyTable.schema && name == historyTable.name { continue }
            let column = RelationColumn(
                name: row[3] ?? "", typeOID: UInt32(row[4] ?? "") ?? 0, notNull: row[5] == "true", hasDefault: row[6] == "true",
                generatedAlways: row[7] == "a" || row[8] == "s", identityByDefault: row[7] == "d"
            )
            if let last = relations.last, last.schema == schema, last.name == name {
                relations[relations.count - 1].columns.append(column)
            } else {
                relations.append(RelationEntry(
                    schema: schema, name: name, isView: row[2] == "v" || row[2] == "m", columns: [column], viewDefinition: row[9]
                ))
            }
        }
        let searchPath = try await session.query("SELECT unnest(current_schemas(false))").compactMap { $0[0] }
        var catalog = CodegenCatalog(relations: relations, types: [:], searchPath: searchPath)
        // A view's columns are never NOT NULL in the catalog: analyse its definition instead.
        let nullability = catalog.nullability
        for index in catalog.relations.indices {
            guard let definition = catalog.relations[index].viewDefinition else { continue }
            let columns = catalog.relations[index].columns.map { DescribedColumn(name: $0.name) }
            let mayBeNull = NullabilityAnalyzer.mayBeNull(sql: definition, columns: columns, catalog: nullability)
            guard mayBeNull.count == columns.count else { continue }
            for column in columns.indices { catalog.relations[index].columns[column].notNull = !mayBeNull[column] }
        }
        try await loadTypes(Set(relations.flatMap { $0.columns.map(\.typeOID) }), into: &catalog)
        // Every enum and composite type of the schema, used by a column or not.
        let userTypes = try await session.query("""
            SELECT t.oid::int8 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            """).compactMap { $0[0].flatMap { UInt32($0) } }
        try await loadTypes(Set(userTypes), into: &catalog)
        return catalog
    }

    /// Reads the types `oids` and everything they are made of into `catalog`.
    public func loadTypes(_ oids: Set<UInt32>, into catalog: inout CodegenCatalog) async throws {
        var missing = oids.subtracting(catalog.types.keys)
        while !missing.isEmpty {
            let list = "{" + missing.sorted().map(String.init).joined(separator: ",") + "}"
            let rows = try await session.query("""
                SELECT t.oid::int8, n.nspname, t.typname, format_type(t.oid, NULL), t.typtype::text, t.typcategory::text,
                       nullif(t.typelem, 0)::int8, nullif(t.typbasetype, 0)::int8, t.typnotnull::text,
                       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] FROM pg_enum e WHERE e.enumtypid = t.oid)::text,
                       (SELECT string_agg(a.attname || ':' || a.atttypid, ',' ORDER BY a.attnum) FROM pg_attribute a
                        WHERE a.attrelid = t.typrelid AND t.typtype = 'c' AND a.attnum > 0 AND NOT a.attisdropped)
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.oid = ANY($1::oid[])
                """, [list])
            var found: Set<UInt32> = []
            for row in rows {
                guard let oid = row[0].flatMap({ UInt32($0) }) else { continue }
                found.insert(oid)
                let typtype = row[4] ?? "", category = row[5] ?? ""
                let element = row[6].flatMap { UInt32($0) }
                let kind: TypeEntry.Kind = switch typtype {
                case "e": .enumeration
                case "d": .domain
                case "c": .composite
                case "r", "m": .range
                case "p": .pseudo
                case "b" where category == "A" && element != nil: .array
                case "b": .base
                default: .other
                }
                let attributes: [(name: String, typeOID: UInt32)] = (row[10] ?? "").split(separator: ",").compactMap { part in
                    guard let colon = part.lastIndex(of: ":"), let type = UInt32(part[part.index(after: colon)...]) else { return nil }
                    return (String(part[..<colon]), type)
                }
                catalog.types[oid] = TypeEntry(
                    oid: oid, schema: row[1] ?? "", name: row[2] ?? "", display: row[3] ?? "", kind: kind,
                    elementOID: kind == .array ? element : nil, baseOID: row[7].flatMap { UInt32($0) },
                    domainNotNull: row[8] == "true", enumLabels: row[9].flatMap(ArrayText.elements)?.compactMap { $0 } ?? [], attributes: attributes
                )
            }
            var next = Set<UInt32>()
            for oid in found {
                guard let entry = catalog.types[oid] else { continue }
                next.formUnion([entry.elementOID, entry.baseOID].compactMap { $0 })
                next.formUnion(entry.attributes.map(\.typeOID))
            }
            missing = next.subtracting(catalog.types.keys)
            if found.isEmpty { break }
        }
    }

    /// Prepares and describes one query; nullability comes from `analyze` (the pure core).
    public func describe(_ query: QueryDefinition, number: Int, catalog: inout CodegenCatalog) async throws -> DescribedQuery {
        let statementName = "strata_codegen_\(number)"
        let prefix = "PREPARE \(statementName) AS "
        do {
            try await session.execute(prefix + query.sql)
        } catch let error as DatabaseError {
            throw located(error, query: query, prefixLength: prefix.unicodeScalars.count)
        }
        let parameterTypes = try await session.query("""
            SELECT u.type::oid::int8 FROM pg_prepared_statements p,
                unnest(p.parameter_types) WITH ORDINALITY AS u(type, n)
            WHERE p.name = $1 ORDER BY u.n
            """, [statementName]).compactMap { $0[0].flatMap { UInt32($0) } }

        // The result description, from one execution with NULL parameters, rolled back.
        let nulls = parameterTypes.isEmpty ? "" : "(" + Array(repeating: "NULL", count: parameterTypes.count).joined(separator: ", ") + ")"
        try await session.execute("BEGIN")
        try await session.execute("SET LOCAL statement_timeout = '10s'")
        var described: [(name: String, type: UInt32, table: Int32, attribute: Int16)] = []
        do {
            let rows = try await session.connection.query(PostgresQuery(unsafeSQL: "EXECUTE \(statementName)\(nulls)"), logger: .strataQuiet)
            described = rows.columns.map { ($0.name, $0.dataType.rawValue, $0.tableOID, $0.columnAttributeNumber) }
            for try await _ in rows {}
        } catch {
            // A failing execution (a NOT NULL column given NULL) still described its result.
        }
        try await session.execute("ROLLBACK")
        try await session.execute("DEALLOCATE \(statementName)")

        try await loadTypes(Set(parameterTypes + described.map(\.type)), into: &catalog)
        let origins = try await origins(of: described.map { ($0.table, $0.attribute) })
        let columns = zip(described, origins).map { column, origin in
            DescribedColumn(name: column.name, origin: origin)
        }
        var mayBeNull = NullabilityAnalyzer.mayBeNull(sql: query.sql, columns: columns, catalog: catalog.nullability)
        if mayBeNull.count != columns.count { mayBeNull = Array(repeating: true, count: columns.count) }
        let resultColumns: [DescribedQuery.Column] = described.enumerated().map { index, column in
            var name = column.name
            var optional = mayBeNull[index]
            if name.hasSuffix("!") {
                name.removeLast()
                optional = false
            } else if name.hasSuffix("?") {
                name.removeLast()
                optional = true
            }
            return DescribedQuery.Column(name: name, typeOID: column.type, optional: optional)
        }
        let settingNullable = ParameterTargets.optionalParameters(sql: query.sql, catalog: catalog.nullability)
        let parameters = query.parameters.map { parameter in
            DescribedQuery.Parameter(
                name: parameter.name, typeOID: parameterTypes[parameter.number - 1],
                optional: parameter.forcedOptional || settingNullable.contains(parameter.number)
            )
        }
        let oneRowCertain = query.kind == .one && NullabilityAnalyzer.returnsExactlyOneRow(sql: query.sql)
        return DescribedQuery(
            definition: query, parameters: parameters, columns: resultColumns, returnsOptionalRow: query.kind == .one && !oneRowCertain
        )
    }

    /// The table columns result columns come from, where the server traced them.
    private func origins(of columns: [(table: Int32, attribute: Int16)]) async throws -> [DescribedColumn.Origin?] {
        let traced = columns.filter { $0.table != 0 && $0.attribute > 0 }
        guard !traced.isEmpty else { return Array(repeating: nil, count: columns.count) }
        var names: [String: DescribedColumn.Origin] = [:]
        let tables = "{" + Set(traced.map { String(UInt32(bitPattern: $0.table)) }).sorted().joined(separator: ",") + "}"
        for row in try await session.query("""
            SELECT c.oid::int8, a.attnum::int8, n.nspname, c.relname, a.attname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
            WHERE c.oid = ANY($1::oid[])
            """, [tables]) {
            names["\(row[0] ?? ""):\(row[1] ?? "")"] = .init(schema: row[2] ?? "", relation: row[3] ?? "", column: row[4] ?? "")
        }
        return columns.map { names["\(UInt32(bitPattern: $0.table)):\($0.attribute)"] }
    }

    /// A server error on a query, placed in its file.
    private func located(_ error: DatabaseError, query: QueryDefinition, prefixLength: Int) -> QueryDescribeError {
        let server = error.server
        var line = query.line, column = 1
        if let position = server?.position, let place = query.sourcePosition(ofServerPosition: position - prefixLength) {
            line = place.line
            column = place.column
        }
        return QueryDescribeError(
            query: query.name, file: query.file, line: line, column: column,
            message: server?.message ?? error.message,
            hint: server?.hint ?? "fix the query; the schema is what the migrations build"
        )
    }
}
