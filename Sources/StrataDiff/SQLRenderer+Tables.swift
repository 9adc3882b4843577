import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func tableSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createTable(let table):
            return createTable(table)
        case .dropTable(let table, _):
            return "DROP TABLE " + name(table)
        case .renameTable(let table, let newName):
            return alterTable(table) + " RENAME TO " + identifier(newName)
        case .setUnlogged(let table, let unlogged):
            return alterTable(table) + (unlogged ? " SET UNLOGGED" : " SET LOGGED")
        case .setRowSecurity(let table, let enabled):
            return alterTable(table) + (enabled ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY"
        case .setForceRowSecurity(let table, let forced):
            return alterTable(table) + (forced ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY"
        case .setTableOptions(let table, let options):
            return alterTable(table) + " SET " + storageParameters(options)
        case .resetTableOptions(let table, let names):
            return alterTable(table) + " RESET (" + names.map(parameterName).joined(separator: ", ") + ")"
        case .attachPartition(let parent, let partition, let bound):
            return alterTable(parent) + " ATTACH PARTITION " + name(partition) + " " + bound
        case .detachPartition(let parent, let partition):
            return alterTable(parent) + " DETACH PARTITION " + name(partition)
        case .inherit(let table, let parent):
            return alterTable(table) + " INHERIT " + name(parent)
        case .noInherit(let table, let parent):
            return alterTable(table) + " NO INHERIT " + name(parent)
        case .setReplicaIdentity(let table, let identity):
            switch identity {
            case .default: return alterTable(table) + " REPLICA IDENTITY DEFAULT"
            case .full: return alterTable(table) + " REPLICA IDENTITY FULL"
            case .nothing: return alterTable(table) + " REPLICA IDENTITY NOTHING"
            case .index(let index): return alterTable(table) + " REPLICA IDENTITY USING INDEX " + identifier(index)
            }
        default:
            preconditionFailure("not a table change: \(change)")
        }
    }

    /// `CREATE TABLE` with the table's columns and inline constraints. A partition lists no
    /// columns (they come from its parent); an inheriting table lists only its local columns.
    static func createTable(_ table: Table) -> String {
        var sql = "CREATE " + (table.isUnlogged ? "UNLOGGED " : "") + "TABLE " + name(table.name)
        let constraints = table.constraints.map { "CONSTRAINT " + identifier($0.name) + " " + $0.definition }
        if let partition = table.partitionOf {
            sql += " PARTITION OF " + name(partition.parent)
            if !constraints.isEmpty { sql += " (\n    " + constraints.joined(separator: ",\n    ") + "\n)" }
            sql += " " + partition.bound
        } else {
            let columns = table.columns.map(columnDefinition)
            let elements = columns + constraints
            sql += elements.isEmpty ? " ()" : " (\n    " + elements.joined(separator: ",\n    ") + "\n)"
            if !table.inherits.isEmpty { sql += " INHERITS (" + table.inherits.map(name).joined(separator: ", ") + ")" }
        }
        if let key = table.partitionKey { sql += " PARTITION BY " + key }
        if !table.options.isEmpty { sql += " WITH " + storageParameters(table.options) }
        return sql
    }

    /// `name type [COLLATE …] [GENERATED …] [DEFAULT …] [NOT NULL]`.
    static func columnDefinition(_ column: Column) -> String {
        var sql = identifier(column.name) + " " + column.type
        if let collation = column.collation { sql += " COLLATE " + name(collation) }
        if let expression = column.generatedExpression {
            sql += " GENERATED ALWAYS AS (" + expression + ") STORED"
        } else if let identity = column.identity {
            sql += " " + identityClause(identity, columnType: column.type)
        } else if let expression = column.defaultExpression {
            sql += " DEFAULT " + expression
        }
        if column.isNotNull { sql += " NOT NULL" }
        return sql
    }

    /// `GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options that differ from the defaults)]`.
    static func identityClause(_ identity: Column.Identity, columnType: String) -> String {
        var sql = "GENERATED " + (identity.generation == .always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY"
        let defaults = defaultSequenceOptions(dataType: identity.options.dataType, increment: identity.options.increment)
        var changed = changedSequenceOptions(from: defaults, to: identity.options, includeType: false)
        if identity.options.increment != 1, !changed.contains(where: { $0.hasPrefix("INCREMENT") }) {
            changed.insert("INCREMENT BY \(identity.options.increment)", at: 0)
        }
        if !changed.isEmpty { sql += " (" + changed.joined(separator: " ") + ")" }
        return sql
    }
}
