import StrataSQL
import StrataSchema
import Yams

/// Tables: columns, keys, checks, foreign keys, exclusions, indexes, triggers, row-level
/// security and policies.
extension SchemaImport {
    /// The table's model, or nil (and a skipped entry) when its name cannot be a key.
    mutating func tableNode(_ table: Table) -> Node? {
        guard isExpressible(table.name) else {
            skip("table", table.name.description, "a name with a dot cannot be a model key")
            return nil
        }
        var pairs: [(String, Node)] = []
        if let comment = table.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        if table.isUnlogged { pairs.append(("unlogged", ModelYAML.flag(true))) }
        if let partition = table.partitionOf {
            pairs.append(("partition_of", ModelYAML.inline([
                ("table", ModelYAML.text(key(partition.parent))), ("bound", ModelYAML.text(partition.bound)),
            ])))
        }
        if let partitionKey = table.partitionKey { pairs.append(("partition_by", ModelYAML.text(partitionKey))) }
        if !table.inherits.isEmpty { pairs.append(("inherits", ModelYAML.inlineList(table.inherits.map(key)))) }
        if !table.options.isEmpty { pairs.append(("options", ModelYAML.inlineList(table.options))) }

        let columns = table.columns.filter(\.isLocal)
        if !columns.isEmpty || (table.partitionOf == nil && table.inherits.isEmpty) {
            pairs.append(("columns", ModelYAML.block(columns.map { ($0.name, columnNode($0)) })))
        }
        pairs += constraintPairs(table)
        // A partition's copies of its parent's indexes come with the parent's.
        let indexes = table.indexes.filter { $0.parentIndex == nil }.compactMap { indexNode($0) }
        if !indexes.isEmpty { pairs.append(("indexes", ModelYAML.blockList(indexes))) }
        if let triggers = triggersNode(table.triggers, on: table.name) { pairs.append(("triggers", triggers)) }
        if table.rowSecurity || table.forceRowSecurity {
            pairs.append(("row_level_security", table.forceRowSecurity
                ? ModelYAML.inline([("enabled", ModelYAML.flag(table.rowSecurity)), ("force", ModelYAML.flag(true))])
                : ModelYAML.flag(true)))
        }
        if !table.policies.isEmpty {
            pairs.append(("policies", ModelYAML.block(table.policies.map { ($0.name, policyNode($0)) })))
        }
        return ModelYAML.block(pairs)
    }

    // MARK: Columns

    /// `type` or `type?` when the column is nothing more; else the long form.
    func columnNode(_ column: Column) -> Node {
        let type = typeSpelling(column.type)
        if column.defaultExpression == nil, column.identity == nil, column.generatedExpression == nil, column.collation == nil,
           column.comment == nil, column.options.isEmpty, column.statisticsTarget == nil, column.storage == nil,
           column.compression == nil {
            return ModelYAML.text(column.isNotNull ? type : type + "?")
        }
        var pairs: [(String, Node)] = [("type", ModelYAML.text(type))]
        if !column.isNotNull { pairs.append(("nullable", ModelYAML.flag(true))) }
        if let expression = column.defaultExpression {
            if let literal = Self.stringLiteral(expression, castTo: column.type) {
                pairs.append(("default", ModelYAML.text(literal)))
            } else {
                pairs.append(("default_sql", ModelYAML.text(expression)))
            }
        }
        if let identity = column.identity { pairs.append(("identity", identityNode(identity))) }
        if let expression = column.generatedExpression { pairs.append(("generated", ModelYAML.text(expression))) }
        if let collation = column.collation { pairs.append(("collation", ModelYAML.text(collationSpelling(collation)))) }
        if let comment = column.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        if !column.options.isEmpty {
            pairs.append(("options", ModelYAML.inline(column.options.map { option in
                let (name, value) = SQLOptionList.split(option)
                return (name, ModelYAML.text(value))
            })))
        }
        if let target = column.statisticsTarget { pairs.append(("statistics", ModelYAML.text(String(target)))) }
        if let storage = column.storage { pairs.append(("storage", ModelYAML.text(storage))) }
        if let compression = column.compression { pairs.append(("compression", ModelYAML.text(compression))) }
        return ModelYAML.inline(pairs)
    }

    /// The text of a default that is a string literal cast to the column's own type
    /// (`'pending'::public.order_status`, `'n/a'::text`), which a `default:` literal
    /// compiles back to exactly; nil for anything else.
    static func stringLiteral(_ expression: String, castTo type: String) -> String? {
        let suffix = "::" + type
        guard expression.hasPrefix("'"), expression.hasSuffix(suffix) else { return nil }
        let quoted = expression.dropLast(suffix.count).dropFirst()
        guard quoted.hasSuffix("'") else { return nil }
        let body = quoted.dropLast()
        var text = ""
        var pendingQuote = false
        for character in body {
            if pendingQuote {
                guard character == "'" else { return nil }  // a lone quote: not one literal
                text.append("'")
                pendingQuote = false
            } else if character == "'" {
                pendingQuote = true
            } else {
                text.append(character)
            }
        }
        return pendingQuote ? nil : text
    }

    /// `always` / `by_default`, or the mapping form with the options that differ from
    /// PostgreSQL's defaults for the column's type.
    func identityNode(_ identity: Column.Identity) -> Node {
        let generation = ModelYAML.text(identity.generation == .always ? "always" : "by_default")
        let options = sequenceOptionPairs(identity.options, withType: false)
        return options.isEmpty ? generation : ModelYAML.inline([("generation", generation)] + options)
    }

    // MARK: Constraints

    /// `primary_key`, `unique`, `checks`, `foreign_keys` and `exclusions`, each constraint
    /// with its name. Inherited constraints are left to the parent.
    mutating func constraintPairs(_ table: Table) -> [(String, Node)] {
        var primaryKey: Node?
        var uniques: [Node] = []
        var checks: [(String, Node)] = []
        var foreignKeys: [Node] = []
        var exclusions: [(String, Node)] = []
        for constraint in table.constraints where constraint.isLocal {
            do throws(ImportGap) {
                switch constraint.kind {
                case .primaryKey:
                    primaryKey = keyNode(constraint, try KeyDefinition(parsing: constraint))
                case .unique:
                    uniques.append(keyNode(constraint, try KeyDefinition(parsing: constraint)))
                case .check:
                    checks.append((constraint.name, checkNode(try CheckDefinition(parsing: constraint.definition), comment: constraint.comment)))
                case .foreignKey:
                    foreignKeys.append(try foreignKeyNode(constraint))
                case .exclusion:
                    exclusions.append((constraint.name, try exclusionNode(constraint)))
                }
            } catch {
                skip("constraint", "\(table.name).\(constraint.name)", error.reason)
            }
        }
        var pairs: [(String, Node)] = []
        if let primaryKey { pairs.append(("primary_key", primaryKey)) }
        if !uniques.isEmpty { pairs.append(("unique", ModelYAML.blockList(uniques))) }
        if !checks.isEmpty { pairs.append(("checks", ModelYAML.block(checks))) }
        if !foreignKeys.isEmpty { pairs.append(("foreign_keys", ModelYAML.blockList(foreignKeys))) }
        if !exclusions.isEmpty { pairs.append(("exclusions", ModelYAML.block(exclusions))) }
        return pairs
    }

    /// `{columns, name}` for a primary key or unique constraint.
    func keyNode(_ constraint: Constraint, _ key: KeyDefinition) -> Node {
        var pairs: [(String, Node)] = [("columns", ModelYAML.inlineList(key.columns)), ("name", ModelYAML.text(constraint.name))]
        if key.nullsNotDistinct { pairs.append(("nulls_not_distinct", ModelYAML.flag(true))) }
        if key.deferrable { pairs.append(("deferrable", ModelYAML.flag(true))) }
        if key.initiallyDeferred { pairs.append(("initially_deferred", ModelYAML.flag(true))) }
        if let comment = constraint.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        return ModelYAML.inline(pairs)
    }

    /// The expression, or `{expression, not_valid, comment}` (tables and domains).
    func checkNode(_ check: CheckDefinition, comment: String?) -> Node {
        guard check.notValid || comment != nil else { return ModelYAML.text(check.expression) }
        var pairs: [(String, Node)] = [("expression", ModelYAML.text(check.expression))]
        if check.notValid { pairs.append(("not_valid", ModelYAML.flag(true))) }
        if let comment { pairs.append(("comment", ModelYAML.text(comment))) }
        return ModelYAML.inline(pairs)
    }

    func foreignKeyNode(_ constraint: Constraint) throws(ImportGap) -> Node {
        let foreignKey = try ForeignKeyDefinition(parsing: constraint)
        guard isExpressible(foreignKey.table) else {
            throw ImportGap("the referenced table's name has a dot, which a model reference cannot hold")
        }
        if let column = foreignKey.referencedColumns.first(where: { $0.contains { ",()".contains($0) } }) {
            throw ImportGap("the referenced column \(column) cannot be written in a model reference")
        }
        var pairs: [(String, Node)] = [
            ("columns", ModelYAML.inlineList(foreignKey.columns)),
            ("references", ModelYAML.text("\(key(foreignKey.table))(\(foreignKey.referencedColumns.joined(separator: ", ")))")),
        ]
        if let action = foreignKey.onDelete { pairs.append(("on_delete", ModelYAML.text(action))) }
        if let action = foreignKey.onUpdate { pairs.append(("on_update", ModelYAML.text(action))) }
        if foreignKey.matchFull { pairs.append(("match", ModelYAML.text("full"))) }
        if constraint.isDeferrable { pairs.append(("deferrable", ModelYAML.flag(true))) }
        if constraint.isInitiallyDeferred { pairs.append(("initially_deferred", ModelYAML.flag(true))) }
        if foreignKey.notValid { pairs.append(("not_valid", ModelYAML.flag(true))) }
        pairs.append(("name", ModelYAML.text(constraint.name)))
        if let comment = constraint.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        return ModelYAML.inline(pairs)
    }

    /// The body after `EXCLUDE`, or `{body, comment}`.
    func exclusionNode(_ constraint: Constraint) throws(ImportGap) -> Node {
        let prefix = "EXCLUDE "
        guard constraint.definition.hasPrefix(prefix) else { throw ImportGap("unexpected definition \(constraint.definition)") }
        let body = ModelYAML.text(String(constraint.definition.dropFirst(prefix.count)))
        guard let comment = constraint.comment else { return body }
        return ModelYAML.inline([("body", body), ("comment", ModelYAML.text(comment))])
    }

    // MARK: Indexes, triggers, policies

    /// The long form `{name, columns, unique, method, include, where, comment}`; nil (and
    /// a skipped entry) for an index the format cannot express.
    mutating func indexNode(_ index: Index) -> Node? {
        guard index.isValid else {
            skip("index", index.name.description, "invalid (left by a failed CREATE INDEX CONCURRENTLY); rebuild it first")
            return nil
        }
        let definition: IndexDefinition
        do throws(ImportGap) {
            definition = try IndexDefinition(parsing: index.definition)
        } catch {
            skip("index", index.name.description, error.reason)
            return nil
        }
        var pairs: [(String, Node)] = [("name", ModelYAML.text(index.name.name)), ("columns", ModelYAML.inlineList(definition.keys))]
        if definition.isUnique || index.isUnique { pairs.append(("unique", ModelYAML.flag(true))) }
        if definition.method != "btree" { pairs.append(("method", ModelYAML.text(definition.method))) }
        if !definition.include.isEmpty { pairs.append(("include", ModelYAML.inlineList(definition.include))) }
        if let whereClause = definition.whereClause { pairs.append(("where", ModelYAML.text(whereClause))) }
        if let comment = index.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        return ModelYAML.inline(pairs)
    }

    /// `{name: CREATE TRIGGER …}` (or `{sql, comment}` for a commented trigger); disabled
    /// triggers are skipped.
    mutating func triggersNode(_ triggers: [Trigger], on relation: QualifiedName) -> Node? {
        var pairs: [(String, Node)] = []
        for trigger in triggers {
            switch trigger.enabled {
            case .origin:
                break
            case .disabled:
                skip("trigger", "\(relation).\(trigger.name)", "a disabled trigger is not in the model format")
                continue
            case .replica, .always:
                skip("trigger", "\(relation).\(trigger.name)", "ENABLE \(trigger.enabled.rawValue.uppercased()) TRIGGER is not in the model format")
                continue
            }
            pairs.append((trigger.name, statementNode(trigger.definition, comment: trigger.comment)))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// `{for, to, using, with_check, restrictive, comment}`, leaving out the defaults.
    func policyNode(_ policy: Policy) -> Node {
        var pairs: [(String, Node)] = []
        if policy.command != .all { pairs.append(("for", ModelYAML.text(policy.command.rawValue.lowercased()))) }
        if policy.roles != ["public"] { pairs.append(("to", ModelYAML.inlineList(policy.roles))) }
        if let using = policy.using { pairs.append(("using", ModelYAML.text(using))) }
        if let withCheck = policy.withCheck { pairs.append(("with_check", ModelYAML.text(withCheck))) }
        if !policy.isPermissive { pairs.append(("restrictive", ModelYAML.flag(true))) }
        if let comment = policy.comment { pairs.append(("comment", ModelYAML.text(comment))) }
        return ModelYAML.inline(pairs)
    }

    /// A whole SQL statement (function, trigger), or `{sql, comment}` when commented.
    func statementNode(_ sql: String, comment: String?) -> Node {
        guard let comment else { return ModelYAML.text(sql) }
        return ModelYAML.block([("sql", ModelYAML.text(sql)), ("comment", ModelYAML.text(comment))])
    }
}
