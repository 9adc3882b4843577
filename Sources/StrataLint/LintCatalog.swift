/// The schema the linted migrations build, kept from their DDL as they are read: what each
/// rule asks about a table, a column, an index or a type, and which migration file created it.
///
/// Only what the rules need is kept. Objects created outside the migrations (by hand, by an
/// extension) are unknown; the rules treat an unknown table as existing and say when a fact
/// they need (a column's type, its nullability) is unknown.
struct LintCatalog {
    struct ColumnFacts {
        var type: String
        var isNotNull: Bool
        /// The file index that added the column.
        var origin: Int
    }

    struct CheckFacts {
        /// For `CHECK (col IS NOT NULL)`, the column.
        var notNullColumn: String?
        var isValidated: Bool
    }

    struct TableFacts {
        var columns: [String: ColumnFacts] = [:]
        var checks: [String: CheckFacts] = [:]
        /// The file index that created the table.
        var origin: Int
        var isPartitioned = false
        var isMaterializedView = false
    }

    struct IndexFacts {
        var table: ObjectName
        var columns: [String?]
        var origin: Int
    }

    struct ForeignKeyFacts {
        var table: ObjectName
        var columns: [String]
        var references: ObjectName
    }

    private(set) var tables: [ObjectName: TableFacts] = [:]
    private(set) var indexes: [ObjectName: IndexFacts] = [:]
    /// The names of each table's indexes, so that what concerns one table never walks every
    /// index of the project (a project of thousands of migrations has thousands of indexes).
    private var indexNames: [ObjectName: Set<ObjectName>] = [:]
    /// Enum types and their values.
    private(set) var enums: [ObjectName: [String]] = [:]
    /// User functions by name and by `schema.name`.
    private(set) var functions: [String: Volatility] = [:]
    /// The file index that created each schema.
    private var schemas: [String: Int] = [:]

    func table(_ name: ObjectName) -> TableFacts? { tables[name.resolved] }
    func index(_ name: ObjectName) -> IndexFacts? { indexes[name.resolved] }

    /// Whether the table was created by the file `first` or a later one (a new table has no
    /// rows yet).
    func isNew(_ table: ObjectName, since first: Int) -> Bool {
        (tables[table.resolved]?.origin ?? -1) >= first
    }

    /// Whether the column of a table was added by the file `first` or a later one.
    func isNewColumn(_ column: String, of table: ObjectName, since first: Int) -> Bool {
        (tables[table.resolved]?.columns[column]?.origin ?? -1) >= first
    }

    /// Whether some index covers the columns as its leading key columns (in any order).
    func hasIndex(leading columns: [String], on table: ObjectName) -> Bool {
        let wanted = Set(columns)
        return (indexNames[table.resolved] ?? []).contains { name in
            guard let index = indexes[name], index.columns.count >= columns.count else { return false }
            let leading = index.columns.prefix(columns.count)
            return !leading.contains(nil) && Set(leading.compactMap { $0 }) == wanted
        }
    }

    /// The tables that have a column of type `type`.
    func tables(usingType type: ObjectName) -> Set<ObjectName> {
        let names: Set<String> = [type.name, "\(type.resolved.schema ?? "public").\(type.name)"]
        return Set(tables.filter { $0.value.columns.values.contains { names.contains($0.type) } }.map(\.key))
    }

    // MARK: - Changes

    mutating func createTable(_ definition: CreateTable, file: Int) {
        let name = definition.name.resolved
        var facts = TableFacts(origin: file, isPartitioned: definition.isPartitioned, isMaterializedView: definition.isMaterializedView)
        if let parent = definition.parent, let parentFacts = tables[parent.resolved] {
            facts.columns = parentFacts.columns.mapValues { ColumnFacts(type: $0.type, isNotNull: $0.isNotNull, origin: file) }
        }
        for column in definition.columns {
            facts.columns[column.name] = ColumnFacts(type: column.type, isNotNull: column.isNotNull, origin: file)
        }
        tables[name] = facts
        for column in definition.columns {
            if column.isPrimaryKey { addIndex(named: "\(name.name)_pkey", on: name, columns: [column.name], file: file) }
            if column.isUnique { addIndex(named: "\(name.name)_\(column.name)_key", on: name, columns: [column.name], file: file) }
        }
        for constraint in definition.constraints {
            addConstraint(constraint, to: name, file: file)
        }
    }

    mutating func addColumn(_ column: ColumnDefinition, to table: ObjectName, file: Int) {
        let name = table.resolved
        if tables[name] == nil { tables[name] = TableFacts(origin: -1) }
        tables[name]?.columns[column.name] = ColumnFacts(type: column.type, isNotNull: column.isNotNull, origin: file)
        if column.isPrimaryKey { addIndex(named: "\(name.name)_pkey", on: name, columns: [column.name], file: file) }
        if column.isUnique { addIndex(named: "\(name.name)_\(column.name)_key", on: name, columns: [column.name], file: file) }
    }

    mutating func dropColumn(_ column: String, of table: ObjectName) {
        tables[table.resolved]?.columns[column] = nil
        for name in indexNames[table.resolved] ?? [] where indexes[name]?.columns.contains(column) == true {
            removeIndex(name)
        }
    }

    mutating func setColumnType(_ column: String, of table: ObjectName, to type: String) {
        tables[table.resolved]?.columns[column]?.type = type
    }

    mutating func setNotNull(_ column: String, of table: ObjectName, _ isNotNull: Bool) {
        tables[table.resolved]?.columns[column]?.isNotNull = isNotNull
    }

    mutating func renameColumn(_ from: String, to: String, of table: ObjectName) {
        guard let facts = tables[table.resolved]?.columns[from] else { return }
        tables[table.resolved]?.columns[from] = nil
        tables[table.resolved]?.columns[to] = facts
        for name in indexNames[table.resolved] ?? [] {
            guard let columns = indexes[name]?.columns else { continue }
            indexes[name]?.columns = columns.map { $0 == from ? to : $0 }
        }
    }

    mutating func renameTable(_ table: ObjectName, to newName: String) {
        let old = table.resolved
        guard let facts = tables.removeValue(forKey: old) else { return }
        let renamed = ObjectName(schema: old.schema, name: newName)
        tables[renamed] = facts
        let names = indexNames.removeValue(forKey: old) ?? []
        for name in names { indexes[name]?.table = renamed }
        indexNames[renamed] = names
    }

    mutating func dropTable(_ table: ObjectName) {
        let name = table.resolved
        tables[name] = nil
        for index in indexNames.removeValue(forKey: name) ?? [] { indexes[index] = nil }
    }

    mutating func createSchema(_ schema: String, file: Int) {
        schemas[schema] = file
    }

    /// The file index that created the schema; nil for one made outside the migrations.
    func schemaOrigin(_ schema: String) -> Int? { schemas[schema] }

    mutating func dropSchema(_ schema: String) {
        schemas[schema] = nil
        tables = tables.filter { $0.key.schema != schema }
        for (name, index) in indexes where name.schema == schema || index.table.schema == schema { removeIndex(name) }
        enums = enums.filter { $0.key.schema != schema }
    }

    mutating func addIndex(named name: String?, on table: ObjectName, columns: [String?], file: Int) {
        let key = ObjectName(schema: table.resolved.schema, name: name ?? "\(table.name)_\(columns.map { $0 ?? "expr" }.joined(separator: "_"))_idx")
        removeIndex(key)
        indexes[key] = IndexFacts(table: table.resolved, columns: columns, origin: file)
        indexNames[table.resolved, default: []].insert(key)
    }

    mutating func dropIndex(_ name: ObjectName) {
        removeIndex(name.resolved)
    }

    private mutating func removeIndex(_ name: ObjectName) {
        guard let index = indexes.removeValue(forKey: name) else { return }
        indexNames[index.table]?.remove(name)
    }

    mutating func addConstraint(_ constraint: ConstraintDefinition, to table: ObjectName, file: Int) {
        let name = table.resolved
        switch constraint.kind {
        case .check(let column):
            let constraintName = constraint.name ?? "\(name.name)_\(column ?? "")_check"
            tables[name]?.checks[constraintName] = CheckFacts(notNullColumn: column, isValidated: !constraint.isNotValid)
        case .primaryKey(let columns, let usingIndex):
            let indexColumns = usingIndex.flatMap { indexes[ObjectName(schema: name.schema, name: $0)]?.columns } ?? columns
            for column in indexColumns.compactMap({ $0 }) { setNotNull(column, of: name, true) }
            if usingIndex == nil { addIndex(named: constraint.name ?? "\(name.name)_pkey", on: name, columns: columns, file: file) }
        case .unique(let columns, let usingIndex):
            if usingIndex == nil { addIndex(named: constraint.name ?? "\(name.name)_\(columns.joined(separator: "_"))_key", on: name, columns: columns, file: file) }
        case .foreignKey, .exclude:
            break
        }
    }

    mutating func validateConstraint(_ constraint: String, of table: ObjectName) {
        tables[table.resolved]?.checks[constraint]?.isValidated = true
    }

    mutating func dropConstraint(_ constraint: String, of table: ObjectName) {
        tables[table.resolved]?.checks[constraint] = nil
        removeIndex(ObjectName(schema: table.resolved.schema, name: constraint))
    }

    /// Whether a validated `CHECK (column IS NOT NULL)` proves the column has no NULLs.
    func hasValidatedNotNullCheck(_ column: String, of table: ObjectName) -> Bool {
        tables[table.resolved]?.checks.values.contains { $0.notNullColumn == column && $0.isValidated } ?? false
    }

    mutating func createEnum(_ name: ObjectName, values: [String]) {
        enums[name.resolved] = values
    }

    mutating func addEnumValue(_ value: String, to type: ObjectName) {
        enums[type.resolved, default: []].append(value)
    }

    mutating func createFunction(_ name: ObjectName, volatility: Volatility) {
        functions[name.name] = volatility
        functions["\(name.resolved.schema ?? "public").\(name.name)"] = volatility
    }
}
