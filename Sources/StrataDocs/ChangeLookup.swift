import StrataDiff
import StrataSchema

/// Describes planned statements for ``ChangeSummary``: which group each belongs to and
/// what it does, in words, with names in code spans.
struct ChangeLookup {
    /// Tables of the indexes of the schema the plan starts from.
    private var indexTables: [QualifiedName: QualifiedName] = [:]
    /// Kinds of the constraints of the schema the plan starts from.
    private var constraintKinds: [ObjectID: Constraint.Kind] = [:]
    /// Views and materialized views, before the plan or created by it.
    private var views: Set<QualifiedName> = []

    /// Lookups from the schema the plan starts from (when known) and from the plan itself.
    init(_ before: Schema?, statements: [PlannedStatement]) {
        for statement in statements {
            switch statement.change {
            case .createIndex(let index, _): indexTables[index.name] = index.table
            case .createView(let view), .replaceView(let view): views.insert(view.name)
            default: break
            }
        }
        guard let before else { return }
        views.formUnion(before.views.map(\.name))
        for table in before.tables {
            for index in table.indexes { indexTables[index.name] = table.name }
            for constraint in table.constraints {
                constraintKinds[.constraint(table: table.name, name: constraint.name)] = constraint.kind
                if let index = constraint.indexName { indexTables[QualifiedName(table.name.schema, index)] = table.name }
            }
        }
        for view in before.views {
            for index in view.indexes { indexTables[index.name] = view.name }
        }
    }

    /// The table a statement changes, or the object itself.
    func groupKey(_ statement: PlannedStatement) -> ObjectID {
        switch statement.change {
        case .createIndex(let index, _): return relation(index.table)
        case .attachPartition(let parent, _, _), .detachPartition(let parent, _): return .table(parent)
        default: break
        }
        switch statement.object {
        case .column(let table, _), .constraint(let table, _), .trigger(let table, _), .policy(let table, _), .rule(let table, _):
            return .table(table)
        case .index(let name):
            return indexTables[name].map(relation) ?? statement.object
        default:
            return statement.object
        }
    }

    /// A table, or a (materialized) view: what an index is on.
    private func relation(_ name: QualifiedName) -> ObjectID {
        views.contains(name) ? .view(name) : .table(name)
    }

    /// `table`, `view`, `function`, … for a group heading.
    static func noun(_ object: ObjectID) -> String {
        if case .routine = object { return "function" }
        return object.kind
    }

    /// The lines of one statement: usually one; a created table lists its columns too.
    func describe(_ statement: PlannedStatement) -> [(ChangeSummary.Category, String)] {
        let code = Markdown.code
        switch statement.change {
        case .createTable(let table):
            var lines: [(ChangeSummary.Category, String)] = [(.object, "created" + (table.partitionOf.map { " as a partition of " + code($0.parent.description) + " " + code($0.bound) } ?? ""))]
            for column in table.columns { lines.append((.columnsAdded, Self.column(column))) }
            for constraint in table.constraints { lines.append((.keys, "\(constraint.kind.rawValue) \(code(constraint.name)): \(code(constraint.definition))")) }
            return lines
        case .dropTable(_, let isRebuild): return [(.object, isRebuild ? "dropped, to be created again" : "dropped")]
        case .renameTable(_, let to): return [(.object, "renamed to \(code(to))")]
        case .setUnlogged(_, let unlogged): return [(.object, unlogged ? "set unlogged" : "set logged")]
        case .setRowSecurity(_, let enabled): return [(.policies, enabled ? "row-level security enabled" : "row-level security disabled")]
        case .setForceRowSecurity(_, let forced): return [(.policies, forced ? "row-level security forced on the owner" : "row-level security no longer forced")]
        case .attachPartition(_, let partition, let bound): return [(.object, "partition \(code(partition.description)) attached \(code(bound))")]
        case .detachPartition(_, let partition): return [(.object, "partition \(code(partition.description)) detached")]
        case .addColumn(_, let column): return [(.columnsAdded, Self.column(column))]
        case .dropColumn(_, let column, let isRebuild, _):
            return [(.columnsDropped, code(column) + (isRebuild ? ", to be added again" : ""))]
        case .renameColumn(_, let from, let to): return [(.columnsChanged, "\(code(from)) renamed to \(code(to))")]
        case .alterColumnType(_, let column, let from, let to, _, _): return [(.columnsChanged, "\(code(column)): type \(code(from)) → \(code(to))")]
        case .setDefault(_, let column, let expression): return [(.columnsChanged, "\(code(column)): default \(code(expression))")]
        case .dropDefault(_, let column): return [(.columnsChanged, "\(code(column)): default dropped")]
        case .setNotNull(_, let column): return [(.columnsChanged, "\(code(column)): set not null")]
        case .dropNotNull(_, let column): return [(.columnsChanged, "\(code(column)): nullable")]
        case .addIdentity(_, let column, let identity): return [(.columnsChanged, "\(code(column)): identity, generated \(identity.generation.rawValue)")]
        case .dropIdentity(_, let column): return [(.columnsChanged, "\(code(column)): identity dropped")]
        case .dropExpression(_, let column): return [(.columnsChanged, "\(code(column)): no longer generated")]
        case .addConstraint(_, let constraint):
            if constraint.kind == .foreignKey {
                return [(.foreignKeys, "added \(code(constraint.name)): \(code(constraint.definition))")]
            }
            return [(.keys, "added \(constraint.kind.rawValue) \(code(constraint.name)): \(code(constraint.definition))")]
        case .dropConstraint(let table, let name):
            let kind = constraintKinds[.constraint(table: table, name: name)]
            return [(kind == .foreignKey ? .foreignKeys : .keys, "dropped " + (kind.map { "\($0.rawValue) " } ?? "") + code(name))]
        case .validateConstraint(let table, let name):
            return [(constraintKinds[.constraint(table: table, name: name)] == .foreignKey ? .foreignKeys : .keys, "validated \(code(name))")]
        case .createIndex(let index, let concurrently):
            let definition = index.definition.range(of: " USING ").map { String(index.definition[$0.upperBound...]) } ?? index.definition
            return [(.indexes, "created \(code(index.name.name))" + (concurrently ? " concurrently" : "") + ": \(code(definition))")]
        case .dropIndex(let name, let concurrently):
            return [(.indexes, "dropped \(code(name.name))" + (concurrently ? " concurrently" : ""))]
        case .renameIndex(let name, let to): return [(.indexes, "\(code(name.name)) renamed to \(code(to))")]
        case .createTrigger(_, let trigger): return [(.triggers, "created \(code(trigger.name)): \(code(trigger.definition))")]
        case .createPolicy(_, let policy): return [(.policies, "policy \(code(policy.name)) created (\(policy.command.rawValue))")]
        case .alterPolicy(_, let policy): return [(.policies, "policy \(code(policy.name)) changed")]
        case .dropPolicy(_, let name): return [(.policies, "policy \(code(name)) dropped")]
        case .createRule(_, let rule), .replaceRule(_, let rule): return [(.rules, "\(statement.action)d \(code(rule.name))")]
        case .setComment(let target, let text):
            let words = text == nil ? "comment removed" : "comment set"
            if case .column(_, let column) = target { return [(.columnsChanged, "\(code(column)): \(words)")] }
            if case .constraint(_, let name) = target { return [(.keys, "\(code(name)): \(words)")] }
            if case .index(let name) = target, groupKey(statement) != statement.object { return [(.indexes, "\(code(name.name)): \(words)")] }
            return [(.object, words)]
        case .grant, .revoke, .setObjectOwner:
            if case .column(_, let column) = statement.object { return [(.privileges, "\(code(column)): " + Self.firstLine(statement.sql))] }
            return [(.privileges, Self.firstLine(statement.sql))]
        default:
            break
        }
        let category: ChangeSummary.Category
        switch statement.object {
        case .column: category = .columnsChanged
        case .constraint: category = .keys
        case .index: category = .indexes
        case .trigger: category = .triggers
        case .policy: category = .policies
        case .rule: category = .rules
        default: category = groupKey(statement) == statement.object ? .object : .other
        }
        if category == .object { return [(.object, statement.action == "alter" ? "altered: " + code(Self.firstLine(statement.sql)) : Self.pastTense(statement.action))] }
        return [(category, "\(Self.pastTense(statement.action)) \(statement.object.kind) \(code(Self.member(statement.object))): \(code(Self.firstLine(statement.sql)))")]
    }

    /// `name` `type`, with not null, default, identity or generation when set.
    static func column(_ column: Column) -> String {
        var text = Markdown.code(column.name) + " " + Markdown.code(column.type)
        if column.isNotNull { text += " not null" }
        if let identity = column.identity { text += ", identity generated \(identity.generation.rawValue)" }
        if let generated = column.generatedExpression { text += ", generated as \(Markdown.code(generated))" }
        if let expression = column.defaultExpression { text += ", default \(Markdown.code(expression))" }
        return text
    }

    /// The member's own name (a column's, a trigger's), or the object's name.
    static func member(_ object: ObjectID) -> String {
        switch object {
        case .column(_, let name), .constraint(_, let name), .trigger(_, let name), .policy(_, let name), .rule(_, let name): return name
        case .index(let name): return name.name
        default: return object.name
        }
    }

    static func pastTense(_ action: String) -> String {
        switch action {
        case "create": return "created"
        case "drop": return "dropped"
        case "alter": return "altered"
        case "replace": return "replaced"
        case "rename": return "renamed"
        case "comment": return "commented"
        case "grant": return "granted"
        case "revoke": return "revoked"
        case "owner": return "owner changed"
        default: return action
        }
    }

    /// The first line of a statement, for a summary (the SQL section has all of it).
    static func firstLine(_ sql: String) -> String {
        let line = sql.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? sql
        return line.count > 160 ? String(line.prefix(157)) + "…" : line
    }
}
