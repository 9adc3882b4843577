import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func columnSQL(_ change: SchemaChange) -> String {
        switch change {
        case .addColumn(let table, let column):
            return alterTable(table) + " ADD COLUMN " + columnDefinition(column)
        case .dropColumn(let table, let column, _, _):
            return alterTable(table) + " DROP COLUMN " + identifier(column)
        case .renameColumn(let table, let from, let to):
            return alterTable(table) + " RENAME COLUMN " + identifier(from) + " TO " + identifier(to)
        case .alterColumnType(let table, let column, _, let type, let collation, let using):
            var sql = alterColumn(table, column) + " TYPE " + type
            if let collation { sql += " COLLATE " + name(collation) }
            sql += " USING " + (using ?? identifier(column) + "::" + type)
            return sql
        case .setDefault(let table, let column, let expression):
            return alterColumn(table, column) + " SET DEFAULT " + expression
        case .dropDefault(let table, let column):
            return alterColumn(table, column) + " DROP DEFAULT"
        case .setNotNull(let table, let column):
            return alterColumn(table, column) + " SET NOT NULL"
        case .dropNotNull(let table, let column):
            return alterColumn(table, column) + " DROP NOT NULL"
        case .addIdentity(let table, let column, let identity):
            return alterColumn(table, column) + " ADD " + identityClause(identity, columnType: identity.options.dataType)
        case .dropIdentity(let table, let column):
            return alterColumn(table, column) + " DROP IDENTITY"
        case .setIdentity(let table, let column, let old, let new):
            var clauses: [String] = []
            if old.generation != new.generation { clauses.append("SET GENERATED " + (new.generation == .always ? "ALWAYS" : "BY DEFAULT")) }
            clauses += changedSequenceOptions(from: old.options, to: new.options, includeType: false).map { "SET " + $0 }
            return alterColumn(table, column) + " " + clauses.joined(separator: " ")
        case .dropExpression(let table, let column):
            return alterColumn(table, column) + " DROP EXPRESSION"
        default:
            preconditionFailure("not a column change: \(change)")
        }
    }

    private static func alterColumn(_ table: QualifiedName, _ column: String) -> String {
        alterTable(table) + " ALTER COLUMN " + identifier(column)
    }
}

extension SQLRenderer {
    /// Per-column settings: attribute options, statistics target, storage, compression, on
    /// the table itself only (`ONLY`: without it they would reach partitions and children,
    /// whose own settings are planned separately).
    static func columnSettingSQL(_ change: SchemaChange) -> String {
        let prefix = { (table: QualifiedName, column: String) in "ALTER TABLE ONLY " + name(table) + " ALTER COLUMN " + identifier(column) }
        switch change {
        case .setColumnOptions(let table, let column, let options):
            return prefix(table, column) + " SET " + storageParameters(options)
        case .resetColumnOptions(let table, let column, let names):
            return prefix(table, column) + " RESET (" + names.map(parameterName).joined(separator: ", ") + ")"
        case .setColumnStatistics(let table, let column, let target):
            return prefix(table, column) + " SET STATISTICS \(target ?? -1)"
        case .setColumnStorage(let table, let column, let storage):
            return prefix(table, column) + " SET STORAGE " + storage.uppercased()
        case .setColumnCompression(let table, let column, let compression):
            return prefix(table, column) + " SET COMPRESSION " + (compression ?? "default")
        default:
            preconditionFailure("not a column setting change: \(change)")
        }
    }
}
