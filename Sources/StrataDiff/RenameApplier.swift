import StrataSchema

/// Applies asserted renames to the source schema, so that the rest of the plan compares the
/// renamed source with the target; each rename becomes one `RENAME` change.
struct RenameApplier {
    private(set) var schema: Schema
    private(set) var changes: [SchemaChange] = []

    init(_ schema: Schema) {
        self.schema = schema
    }

    mutating func apply(_ rename: Rename) throws {
        switch rename.kind {
        case .table: try renameTable(QualifiedName(rename.table.schema, rename.from), to: rename.to)
        case .column: try renameColumn(rename.table, from: rename.from, to: rename.to)
        }
    }

    private mutating func renameTable(_ old: QualifiedName, to newName: String) throws {
        let new = QualifiedName(old.schema, newName)
        guard let position = schema.tables.firstIndex(where: { $0.name == old }) else {
            throw PlanError(code: .invalidRename, message: "cannot rename table \(old): it does not exist in the source", objects: [.table(old)])
        }
        guard !relationExists(new) else {
            throw PlanError(code: .invalidRename, message: "cannot rename table \(old) to \(newName): \(new) already exists", objects: [.table(new)])
        }
        func rewrite(_ text: String) -> String { IdentifierRewriter.renameTable(schema: old.schema, old.name, to: newName, in: text) }
        func map(_ name: QualifiedName) -> QualifiedName { name == old ? new : name }
        schema.tables[position].name = new
        for index in schema.tables.indices {
            var table = schema.tables[index]
            table.partitionOf = table.partitionOf.map { Table.Partition(parent: map($0.parent), bound: $0.bound) }
            table.inherits = table.inherits.map(map)
            for c in table.constraints.indices where table.constraints[c].referencedTable == old {
                table.constraints[c].referencedTable = new
                table.constraints[c].definition = rewrite(table.constraints[c].definition)
            }
            for i in table.indexes.indices where table.indexes[i].table == old {
                table.indexes[i].table = new
                table.indexes[i].definition = rewrite(table.indexes[i].definition)
            }
            if table.name == new {
                for t in table.triggers.indices { table.triggers[t].definition = rewrite(table.triggers[t].definition) }
                for r in table.rules.indices { table.rules[r].definition = rewrite(table.rules[r].definition) }
            }
            schema.tables[index] = table
        }
        for index in schema.sequences.indices where schema.sequences[index].ownedBy?.table == old {
            schema.sequences[index].ownedBy?.table = new
        }
        for index in schema.statistics.indices where schema.statistics[index].table == old {
            schema.statistics[index].table = new
            schema.statistics[index].definition = rewrite(schema.statistics[index].definition)
        }
        schema.dependencies = schema.dependencies.map { Dependency(from: Self.rename(table: old, to: new, in: $0.from), to: Self.rename(table: old, to: new, in: $0.to)) }
        schema.renamePrivilegedObjects { Self.rename(table: old, to: new, in: $0) }
        changes.append(.renameTable(old, to: newName))
    }

    private mutating func renameColumn(_ table: QualifiedName, from old: String, to new: String) throws {
        guard let position = schema.tables.firstIndex(where: { $0.name == table }) else {
            throw PlanError(code: .invalidRename, message: "cannot rename a column of \(table): the table does not exist in the source", objects: [.table(table)])
        }
        guard let columnPosition = schema.tables[position].columns.firstIndex(where: { $0.name == old }) else {
            throw PlanError(code: .invalidRename, message: "cannot rename column \(table).\(old): it does not exist in the source", objects: [.column(table: table, name: old)])
        }
        guard schema.tables[position].column(new) == nil else {
            throw PlanError(code: .invalidRename, message: "cannot rename column \(table).\(old) to \(new): \(table).\(new) already exists", objects: [.column(table: table, name: new)])
        }
        func rewrite(_ text: String) -> String { IdentifierRewriter.rename(old, to: new, in: text) }
        func map(_ name: String) -> String { name == old ? new : name }
        var renamed = schema.tables[position]
        renamed.columns[columnPosition].name = new
        for c in renamed.columns.indices {
            renamed.columns[c].generatedExpression = renamed.columns[c].generatedExpression.map(rewrite)
        }
        for c in renamed.constraints.indices {
            renamed.constraints[c].columns = renamed.constraints[c].columns.map(map)
            if renamed.constraints[c].columns.contains(new) || renamed.constraints[c].kind == .check {
                let definition = renamed.constraints[c].definition
                if renamed.constraints[c].kind == .foreignKey, let range = definition.range(of: " REFERENCES ") {
                    renamed.constraints[c].definition = rewrite(String(definition[..<range.lowerBound])) + definition[range.lowerBound...]
                } else {
                    renamed.constraints[c].definition = rewrite(definition)
                }
            }
        }
        for i in renamed.indexes.indices where renamed.indexes[i].columns.contains(old) || renamed.indexes[i].definition.contains(old) {
            renamed.indexes[i].columns = renamed.indexes[i].columns.map { $0.map(map) }
            let definition = renamed.indexes[i].definition
            if let range = definition.range(of: " USING ") {
                renamed.indexes[i].definition = String(definition[..<range.lowerBound]) + rewrite(String(definition[range.lowerBound...]))
            }
        }
        schema.tables[position] = renamed
        for index in schema.statistics.indices where schema.statistics[index].table == table {
            let definition = schema.statistics[index].definition
            // `CREATE STATISTICS name (kinds) ON columns FROM table`: only the column list.
            if let on = definition.range(of: " ON "), let from = definition.range(of: " FROM ", options: .backwards) {
                schema.statistics[index].definition = String(definition[..<on.upperBound])
                    + rewrite(String(definition[on.upperBound..<from.lowerBound])) + definition[from.lowerBound...]
            }
        }
        for index in schema.tables.indices {
            for c in schema.tables[index].constraints.indices where schema.tables[index].constraints[c].referencedTable == table {
                var constraint = schema.tables[index].constraints[c]
                guard constraint.referencedColumns.contains(old) else { continue }
                constraint.referencedColumns = constraint.referencedColumns.map(map)
                if let range = constraint.definition.range(of: " REFERENCES ") {
                    constraint.definition = String(constraint.definition[..<range.lowerBound]) + rewrite(String(constraint.definition[range.lowerBound...]))
                }
                schema.tables[index].constraints[c] = constraint
            }
        }
        for index in schema.sequences.indices {
            if let owner = schema.sequences[index].ownedBy, owner.table == table, owner.column == old {
                schema.sequences[index].ownedBy?.column = new
            }
        }
        let oldID = ObjectID.column(table: table, name: old), newID = ObjectID.column(table: table, name: new)
        schema.dependencies = schema.dependencies.map { Dependency(from: $0.from == oldID ? newID : $0.from, to: $0.to == oldID ? newID : $0.to) }
        schema.renamePrivilegedObjects { $0 == oldID ? newID : $0 }
        changes.append(.renameColumn(table, from: old, to: new))
    }

    private func relationExists(_ name: QualifiedName) -> Bool {
        schema.tables.contains { $0.name == name } || schema.views.contains { $0.name == name }
            || schema.sequences.contains { $0.name == name }
    }

    private static func rename(table old: QualifiedName, to new: QualifiedName, in id: ObjectID) -> ObjectID {
        switch id {
        case .table(let name) where name == old: return .table(new)
        case .column(let table, let name) where table == old: return .column(table: new, name: name)
        case .constraint(let table, let name) where table == old: return .constraint(table: new, name: name)
        case .trigger(let table, let name) where table == old: return .trigger(table: new, name: name)
        case .policy(let table, let name) where table == old: return .policy(table: new, name: name)
        case .rule(let table, let name) where table == old: return .rule(table: new, name: name)
        default: return id
        }
    }
}
