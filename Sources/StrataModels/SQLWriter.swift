import StrataSchema
import StrataSQL

/// Writes a validated, fully named ``ModelSet`` as SQL, in an order PostgreSQL accepts:
/// schemas, extensions, enums; domains, sequences, functions and tables in the order of what
/// they use (``ModelOrder``); foreign keys, indexes, sequence owners; views and the functions
/// that need a view, in the order of what they use; triggers, row-level security and policies.
///
/// Each object's statements follow a marker line naming the object and the model files
/// that declare it, so an edit to the generated file can be traced to them.
struct SQLWriter {
    let model: ModelSet

    static let markerPrefix = "-- object: "

    static func marker(from line: Substring) -> String {
        var text = line.dropFirst(markerPrefix.count)
        if let range = text.range(of: "  (") { text = text[..<range.lowerBound] }
        return String(text)
    }

    private var lines: [String] = []
    private var sources: [String: String] = [:]

    init(model: ModelSet) {
        self.model = model
    }

    func render() -> (body: String, sources: [String: String]) {
        var writer = self
        writer.write()
        return (writer.lines.joined(separator: "\n") + "\n", writer.sources)
    }

    private mutating func block(_ name: String, _ files: [String], _ statements: [String]) {
        guard !statements.isEmpty else { return }
        var unique: [String] = []
        for file in files where !unique.contains(file) { unique.append(file) }
        sources[name] = unique.joined(separator: ", ")
        lines.append("")
        lines.append("\(Self.markerPrefix)\(name)  (\(unique.joined(separator: ", ")))")
        lines += statements.map { $0 + ";" }
    }

    private mutating func write() {
        lines.append("SET check_function_bodies = false;")
        var schemas: [String] = []
        func use(_ schema: String?) {
            if let schema, schema != "public", schema != "pg_catalog", !schemas.contains(schema) { schemas.append(schema) }
        }
        for item in model.schemas { use(item.name) }
        for name in allNames() { use(name.schema) }
        for item in model.extensions { use(item.schema) }
        if let comment = model.schemas.first(where: { $0.name == "public" })?.comment,
           let location = model.schemas.first(where: { $0.name == "public" })?.location {
            block("schema public", [location.file], ["COMMENT ON SCHEMA public IS \(SQLLiteral.quote(comment))"])
        }
        for schema in schemas {
            let declared = model.schemas.first { $0.name == schema }
            var statements = ["CREATE SCHEMA \(SQLIdentifier.quoteIfNeeded(schema))"]
            if let comment = declared?.comment { statements.append("COMMENT ON SCHEMA \(SQLIdentifier.quoteIfNeeded(schema)) IS \(SQLLiteral.quote(comment))") }
            block("schema \(schema)", [declared?.location.file].compactMap { $0 }, statements)
        }
        for item in model.extensions {
            var sql = "CREATE EXTENSION IF NOT EXISTS \(SQLIdentifier.quoteIfNeeded(item.name))"
            if let schema = item.schema { sql += " WITH SCHEMA \(SQLIdentifier.quoteIfNeeded(schema))" }
            if let version = item.version { sql += " VERSION \(SQLLiteral.quote(version))" }
            block("extension \(item.name)", [item.location.file], [sql])
        }
        for item in model.enums {
            var statements = ["CREATE TYPE \(name(item.name)) AS ENUM (\(item.values.map(SQLLiteral.quote).joined(separator: ", ")))"]
            if let comment = item.comment { statements.append("COMMENT ON TYPE \(name(item.name)) IS \(SQLLiteral.quote(comment))") }
            block("type \(item.name)", [item.location.file], statements)
        }
        let order = ModelOrder(model: model)
        for unit in order.early { write(unit) }
        for table in model.tables where !table.foreignKeys.isEmpty {
            var statements: [String] = []
            for foreignKey in table.foreignKeys {
                statements.append("ALTER TABLE \(name(table.name)) ADD \(foreignKeyDefinition(foreignKey))")
                if let comment = foreignKey.comment {
                    statements.append("COMMENT ON CONSTRAINT \(ident(foreignKey.name!)) ON \(name(table.name)) IS \(SQLLiteral.quote(comment))")
                }
            }
            block("foreign keys of \(table.name)", table.foreignKeys.map(\.location.file), statements)
        }
        for table in model.tables where !table.indexes.isEmpty {
            block("indexes of \(table.name)", table.indexes.map(\.location.file), table.indexes.flatMap { indexStatements($0, on: table.name) })
        }
        for item in model.sequences {
            guard let owner = item.ownedBy else { continue }
            block("owner of sequence \(item.name)", [item.location.file], [
                "ALTER SEQUENCE \(name(item.name)) OWNED BY \(name(owner.table)).\(ident(owner.column))",
            ])
        }
        for unit in order.late { write(unit) }
        for table in model.tables where !table.triggers.isEmpty {
            block("triggers of \(table.name)", table.triggers.map(\.location.file), table.triggers.flatMap { triggerStatements($0, on: table.name) })
        }
        for view in model.views where !view.triggers.isEmpty {
            block("triggers of \(view.name)", view.triggers.map(\.location.file), view.triggers.flatMap { triggerStatements($0, on: view.name) })
        }
        for table in model.tables where table.rowLevelSecurity != nil || !table.policies.isEmpty {
            var statements: [String] = []
            if table.rowLevelSecurity == true { statements.append("ALTER TABLE \(name(table.name)) ENABLE ROW LEVEL SECURITY") }
            if table.forceRowLevelSecurity == true { statements.append("ALTER TABLE \(name(table.name)) FORCE ROW LEVEL SECURITY") }
            for policy in table.policies { statements += policyStatements(policy, on: table.name) }
            block("security of \(table.name)", [table.location.file] + table.policies.map(\.location.file), statements)
        }
    }

    // MARK: Objects

    private mutating func write(_ unit: ModelOrder.Unit) {
        switch unit {
        case .domain(let index): writeDomain(model.domains[index])
        case .sequence(let index): writeSequence(model.sequences[index])
        case .function(let index): writeFunction(model.functions[index])
        case .table(let index): writeTable(model.tables[index])
        case .view(let index, let materialized):
            writeView(materialized ? model.materializedViews[index] : model.views[index], materialized: materialized)
        }
    }

    private mutating func writeDomain(_ item: ModelDomain) {
        var sql = "CREATE DOMAIN \(name(item.name)) AS \(item.type.spelling)"
        if let collation = item.collation { sql += " COLLATE \(collationName(collation))" }
        if let defaultSQL = item.defaultSQL { sql += " DEFAULT \(defaultSQL)" }
        if item.notNull { sql += " NOT NULL" }
        for check in item.checks { sql += " CONSTRAINT \(ident(check.name!)) CHECK (\(check.expression))" }
        var statements = [sql]
        if let comment = item.comment { statements.append("COMMENT ON DOMAIN \(name(item.name)) IS \(SQLLiteral.quote(comment))") }
        block("type \(item.name)", [item.location.file], statements)
    }

    private mutating func writeSequence(_ item: ModelSequence) {
        var sql = "CREATE SEQUENCE \(name(item.name))"
        if let type = item.type { sql += " AS \(type)" }
        if let increment = item.increment { sql += " INCREMENT BY \(increment)" }
        if let minValue = item.minValue { sql += " MINVALUE \(minValue)" }
        if let maxValue = item.maxValue { sql += " MAXVALUE \(maxValue)" }
        if let start = item.start { sql += " START WITH \(start)" }
        if let cache = item.cache { sql += " CACHE \(cache)" }
        if item.cycle { sql += " CYCLE" }
        var statements = [sql]
        if let comment = item.comment { statements.append("COMMENT ON SEQUENCE \(name(item.name)) IS \(SQLLiteral.quote(comment))") }
        block("sequence \(item.name)", [item.location.file], statements)
    }

    private mutating func writeFunction(_ item: ModelStatement) {
        var statements = [item.sql]
        if let comment = item.comment, let signature = Self.routineSignature(item.sql) {
            statements.append("COMMENT ON \(signature) IS \(SQLLiteral.quote(comment))")
        }
        block("function \(item.name)", [item.location.file], statements)
    }

    private mutating func writeTable(_ table: ModelTable) {
        var statements: [String] = []
        var create = "CREATE \(table.unlogged == true ? "UNLOGGED " : "")TABLE \(name(table.name))"
        var later: [String] = []  // constraints added after creation (partitions, NOT VALID checks)
        var elements: [String] = table.columns.map(columnDefinition)
        var constraints: [String] = []
        if let key = table.primaryKey {
            constraints.append("CONSTRAINT \(ident(key.name!)) PRIMARY KEY (\(key.columns.map(ident).joined(separator: ", ")))" + Self.deferral(key))
        }
        for key in table.uniques {
            constraints.append(
                "CONSTRAINT \(ident(key.name!)) UNIQUE\(key.nullsNotDistinct ? " NULLS NOT DISTINCT" : "") (\(key.columns.map(ident).joined(separator: ", ")))"
                    + Self.deferral(key)
            )
        }
        for exclusion in table.exclusions { constraints.append("CONSTRAINT \(ident(exclusion.name)) EXCLUDE \(exclusion.body)") }
        var checks: [String] = []
        for check in table.checks {
            let definition = "CONSTRAINT \(ident(check.name!)) CHECK (\(check.expression))"
            if check.notValid { later.append("ALTER TABLE \(name(table.name)) ADD \(definition) NOT VALID") } else { checks.append(definition) }
        }
        constraints += checks
        if let parent = table.partitionParent {
            create += " PARTITION OF \(name(parent))"
            later = constraints.map { "ALTER TABLE \(name(table.name)) ADD \($0)" } + later
            create += " \(table.partitionBound ?? "DEFAULT")"
        } else {
            elements += constraints
            create += " (" + (elements.isEmpty ? "" : "\n    " + elements.joined(separator: ",\n    ") + "\n") + ")"
            if !table.inherits.isEmpty { create += " INHERITS (\(table.inherits.map(name).joined(separator: ", ")))" }
        }
        if let partitionBy = table.partitionBy { create += " PARTITION BY \(partitionBy)" }
        if !table.options.isEmpty { create += " WITH (\(table.options.joined(separator: ", ")))" }
        statements.append(create)
        statements += later
        if let comment = table.comment { statements.append("COMMENT ON TABLE \(name(table.name)) IS \(SQLLiteral.quote(comment))") }
        for column in table.columns {
            if let comment = column.comment {
                statements.append("COMMENT ON COLUMN \(name(table.name)).\(ident(column.name)) IS \(SQLLiteral.quote(comment))")
            }
            let alter = "ALTER TABLE ONLY \(name(table.name)) ALTER COLUMN \(ident(column.name))"
            if !column.options.isEmpty { statements.append(alter + " SET " + SQLOptionList.list(column.options)) }
            if let statistics = column.statistics { statements.append(alter + " SET STATISTICS \(statistics)") }
            if let storage = column.storage { statements.append(alter + " SET STORAGE " + storage.uppercased()) }
            if let compression = column.compression { statements.append(alter + " SET COMPRESSION " + compression) }
        }
        for (constraint, comment) in table.uniques.map({ ($0.name!, $0.comment) }) + table.checks.map({ ($0.name!, $0.comment) })
            + table.exclusions.map({ ($0.name, $0.comment) }) + [table.primaryKey].compactMap({ $0 }).map({ ($0.name!, $0.comment) })
        {
            if let comment { statements.append("COMMENT ON CONSTRAINT \(ident(constraint)) ON \(name(table.name)) IS \(SQLLiteral.quote(comment))") }
        }
        let files = [table.location.file] + table.columns.map(\.location.file) + table.uniques.map(\.location.file)
            + table.checks.map(\.location.file) + table.exclusions.map(\.location.file)
        block("table \(table.name)", files, statements)
    }

    static func deferral(_ key: ModelKey) -> String {
        key.initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : key.deferrable ? " DEFERRABLE" : ""
    }

    private func columnDefinition(_ column: ModelColumn) -> String {
        var sql = "\(ident(column.name)) \(column.type.spelling)"
        if let collation = column.collation { sql += " COLLATE \(collationName(collation))" }
        if let generated = column.generated { sql += " GENERATED ALWAYS AS (\(generated)) STORED" }
        if let identity = column.identity {
            sql += " GENERATED \(identity.always ? "ALWAYS" : "BY DEFAULT") AS IDENTITY"
            var options: [String] = []
            if let start = identity.start { options.append("START WITH \(start)") }
            if let increment = identity.increment { options.append("INCREMENT BY \(increment)") }
            if let minValue = identity.minValue { options.append("MINVALUE \(minValue)") }
            if let maxValue = identity.maxValue { options.append("MAXVALUE \(maxValue)") }
            if let cache = identity.cache { options.append("CACHE \(cache)") }
            if identity.cycle { options.append("CYCLE") }
            if !options.isEmpty { sql += " (\(options.joined(separator: " ")))" }
        }
        if let defaultSQL = column.defaultSQL { sql += " DEFAULT \(defaultSQL)" }
        if !column.nullable { sql += " NOT NULL" }
        return sql
    }

    private func foreignKeyDefinition(_ foreignKey: ModelForeignKey) -> String {
        var sql = "CONSTRAINT \(ident(foreignKey.name!)) FOREIGN KEY (\(foreignKey.columns.map(ident).joined(separator: ", "))) "
        sql += "REFERENCES \(name(foreignKey.table))"
        if !foreignKey.referencedColumns.isEmpty { sql += " (\(foreignKey.referencedColumns.map(ident).joined(separator: ", ")))" }
        if let match = foreignKey.match { sql += " MATCH \(match)" }
        if let onUpdate = foreignKey.onUpdate { sql += " ON UPDATE \(onUpdate)" }
        if let onDelete = foreignKey.onDelete { sql += " ON DELETE \(onDelete)" }
        if foreignKey.deferrable { sql += " DEFERRABLE" }
        if foreignKey.initiallyDeferred { sql += " INITIALLY DEFERRED" }
        if foreignKey.notValid { sql += " NOT VALID" }
        return sql
    }

    private func indexStatements(_ index: ModelIndex, on relation: QualifiedName) -> [String] {
        var sql = "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(ident(index.name!)) ON \(name(relation))"
        if let method = index.method { sql += " USING \(method)" }
        sql += " (\(index.keys.map(Self.indexKey).joined(separator: ", ")))"
        if !index.include.isEmpty { sql += " INCLUDE (\(index.include.map(ident).joined(separator: ", ")))" }
        if let whereClause = index.whereClause { sql += " WHERE \(whereClause)" }
        var statements = [sql]
        if let comment = index.comment {
            statements.append("COMMENT ON INDEX \(name(QualifiedName(relation.schema, index.name!))) IS \(SQLLiteral.quote(comment))")
        }
        return statements
    }

    /// An index key as PostgreSQL reads it: a column, a function call or a
    /// parenthesized expression, optionally with a collation, an operator class and an
    /// ordering, as written; any other expression (one with an operator) in parentheses.
    static func indexKey(_ key: String) -> String {
        let text = key.trimmingSpaces
        guard let tokens = DefinitionText(text).tokens, let first = tokens.first, first.kind != .string, first.kind != .symbol,
              tokens.allSatisfy({ $0.kind != .symbol || $0.text == "." })
        else { return "(\(text))" }
        return text
    }

    private func triggerStatements(_ trigger: ModelStatement, on relation: QualifiedName) -> [String] {
        var statements = [trigger.sql]
        if let comment = trigger.comment {
            statements.append("COMMENT ON TRIGGER \(ident(trigger.name)) ON \(name(relation)) IS \(SQLLiteral.quote(comment))")
        }
        return statements
    }

    private func policyStatements(_ policy: ModelPolicy, on table: QualifiedName) -> [String] {
        var sql = "CREATE POLICY \(ident(policy.name)) ON \(name(table))"
        if policy.restrictive { sql += " AS RESTRICTIVE" }
        if policy.command != "ALL" { sql += " FOR \(policy.command)" }
        let roles = policy.roles.map { role in
            ["public", "current_user", "current_role", "session_user"].contains(role.lowercased()) ? role.uppercased() : ident(role)
        }
        if !(roles.count == 1 && roles[0] == "PUBLIC") { sql += " TO \(roles.joined(separator: ", "))" }
        if let using = policy.using { sql += " USING (\(using))" }
        if let withCheck = policy.withCheck { sql += " WITH CHECK (\(withCheck))" }
        var statements = [sql]
        if let comment = policy.comment {
            statements.append("COMMENT ON POLICY \(ident(policy.name)) ON \(name(table)) IS \(SQLLiteral.quote(comment))")
        }
        return statements
    }

    private mutating func writeView(_ view: ModelView, materialized: Bool) {
        let kind = materialized ? "MATERIALIZED VIEW" : "VIEW"
        var sql = "CREATE \(kind) \(name(view.name))"
        if !view.options.isEmpty { sql += " WITH (\(view.options.joined(separator: ", ")))" }
        sql += " AS\n" + view.query
        if materialized, !view.withData { sql += "\nWITH NO DATA" }
        var statements = [sql]
        if let comment = view.comment { statements.append("COMMENT ON \(kind) \(name(view.name)) IS \(SQLLiteral.quote(comment))") }
        for index in view.indexes { statements += indexStatements(index, on: view.name) }
        block("\(materialized ? "materialized view" : "view") \(view.name)", [view.location.file] + view.indexes.map(\.location.file), statements)
    }

    // MARK: Order

    private func allNames() -> [QualifiedName] {
        model.enums.map(\.name) + model.domains.map(\.name) + model.sequences.map(\.name) + model.tables.map(\.name)
            + model.views.map(\.name) + model.materializedViews.map(\.name)
    }

    /// `FUNCTION name(arg types)` of a `CREATE [OR REPLACE] FUNCTION|PROCEDURE|AGGREGATE`,
    /// for `COMMENT ON`: argument defaults removed.
    static func routineSignature(_ sql: String) -> String? {
        let definition = DefinitionText(sql)
        guard let tokens = definition.tokens,
              let kindIndex = tokens.firstIndex(where: { $0.kind == .word && ["FUNCTION", "PROCEDURE", "AGGREGATE"].contains($0.text.uppercased()) }),
              let arguments = tokens[(kindIndex + 1)...].firstIndex(where: { $0.kind == .group }), arguments > kindIndex + 1
        else { return nil }
        let routineName = definition.text(tokens: (kindIndex + 1)..<arguments)
        let types = DefinitionText.splitTopLevel(tokens[arguments].inner).filter { !$0.isEmpty }.map { argument -> String in
            let parts = DefinitionText(argument)
            guard let argumentTokens = parts.tokens else { return argument }
            let end = argumentTokens.firstIndex { ($0.kind == .word && $0.text.uppercased() == "DEFAULT") || $0.text == "=" } ?? argumentTokens.count
            return parts.text(tokens: 0..<end)
        }
        return "\(tokens[kindIndex].text.uppercased()) \(routineName)(\(types.joined(separator: ", ")))"
    }

    // MARK: Names

    private func name(_ name: QualifiedName) -> String {
        name.schema == "public" ? SQLIdentifier.quoteIfNeeded(name.name) : SQLIdentifier.qualified(name.schema, name.name)
    }

    private func ident(_ name: String) -> String { SQLIdentifier.quoteIfNeeded(name) }

    /// `C` → `"C"`; `pg_catalog."C"` and other qualified or quoted spellings as written.
    private func collationName(_ collation: String) -> String {
        collation.contains("\"") || collation.contains(".") ? collation : SQLIdentifier.quote(collation)
    }
}
