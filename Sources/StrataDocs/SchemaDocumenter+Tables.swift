import StrataSchema

extension SchemaDocumenter {
    /// `<schema>/<table>.md`: columns, keys and checks, indexes, foreign keys out and in,
    /// triggers, row-level security and policies, rules, partitions, privileges, storage,
    /// and a diagram of the table with the tables its foreign keys connect it to.
    func tablePage(_ table: Table) -> String {
        let here = table.name.schema
        var text = header("Table " + Markdown.code(table.name.description))
        text += "\n[Index](../README.md) · [Schema \(Markdown.code(here))](README.md)\n"
        text += comment(table.comment)
        let kind = kind(of: table, from: here)
        text += (kind.hasPrefix("unlogged") ? "\nAn " : "\nA ") + kind
        if let partition = table.partitionOf { text += ": " + Markdown.code(partition.bound) }
        text += ".\n"

        text += "\n## Columns\n\n"
        text += Markdown.table(["column", "type", "nullable", "default", "comment"], table.columns.map { column in
            var type = Markdown.codeCell(column.type)
            if let collation = column.collation { type += " collate " + Markdown.codeCell(collation.description) }
            var value = ""
            if let identity = column.identity {
                value = "identity, generated \(identity.generation.rawValue)"
            } else if let generated = column.generatedExpression {
                value = "generated: " + Markdown.codeCell(generated) + " stored"
            } else if let expression = column.defaultExpression {
                value = Markdown.codeCell(expression)
            }
            var note = column.comment.map(Markdown.text) ?? ""
            if !column.isLocal { note = "inherited" + (note.isEmpty ? "" : "; " + note) }
            return [Markdown.codeCell(column.name), type, column.isNotNull ? "not null" : "null", value, Markdown.cell(note)]
        })

        let constraints = table.constraints.filter { $0.kind != .foreignKey }
        if !constraints.isEmpty {
            text += "\n## Keys and checks\n\n"
            text += Markdown.table(["name", "kind", "definition", "comment"], constraints.map { constraint in
                var kind = constraint.kind.rawValue
                if constraint.parentConstraint != nil || !constraint.isLocal { kind += " (from the parent table)" }
                if !constraint.isValidated { kind += ", not validated" }
                return [Markdown.codeCell(constraint.name), kind, Markdown.codeCell(constraint.definition),
                        Markdown.cell(constraint.comment.map(Markdown.text) ?? "")]
            })
        }
        if !table.indexes.isEmpty {
            text += "\n## Indexes\n\n"
            text += indexTable(table.indexes)
        }
        text += foreignKeySections(table)
        if !table.triggers.isEmpty {
            text += "\n## Triggers\n\n"
            text += triggerTable(table.triggers)
        }
        if table.rowSecurity || table.forceRowSecurity || !table.policies.isEmpty {
            text += "\n## Row-level security\n\n"
            text += table.rowSecurity ? "Enabled" : "Disabled"
            text += table.forceRowSecurity ? ", and forced on the table's owner too.\n" : (table.rowSecurity ? " (the table's owner bypasses it).\n" : ".\n")
            if !table.policies.isEmpty {
                text += "\n" + Markdown.table(["policy", "command", "type", "roles", "using", "with check", "comment"], table.policies.map { policy in
                    [Markdown.codeCell(policy.name), policy.command.rawValue, policy.isPermissive ? "permissive" : "restrictive",
                     policy.roles.map(Markdown.codeCell).joined(separator: ", "), policy.using.map(Markdown.codeCell) ?? "",
                     policy.withCheck.map(Markdown.codeCell) ?? "", Markdown.cell(policy.comment.map(Markdown.text) ?? "")]
                })
            }
        }
        if !table.rules.isEmpty {
            text += "\n## Rules\n\n"
            text += ruleTable(table.rules)
        }
        if let children = partitions[table.name], !children.isEmpty {
            text += "\n## Partitions\n\n"
            text += Markdown.table(["partition", "bound"], children.map { [Markdown.cell(link($0.name, from: here)), Markdown.codeCell($0.partitionOf?.bound ?? "")] })
        }
        let dependents = (usedBy[table.name] ?? []).filter {
            if case .view = $0 { return true }
            if case .routine = $0 { return true }
            return false
        }
        if !dependents.isEmpty {
            text += "\n## Used by\n\n" + dependents.map { "- " + describe($0, from: here) }.joined(separator: "\n") + "\n"
        }
        text += otherTableFacts(table)
        if table.partitionOf == nil, !(outgoing[table.name] ?? []).isEmpty || !(incoming[table.name] ?? []).isEmpty {
            text += "\n## Diagram\n\n"
            text += "This table (with its key columns) and the tables its foreign keys connect it to:\n\n"
            text += MermaidERDiagram.block(ERModel(schema: schema, relationships: relationships, selecting: { $0 == table.name }))
        }
        return text
    }

    private func foreignKeySections(_ table: Table) -> String {
        let here = table.name.schema
        var text = ""
        let out = table.constraints.filter { $0.kind == .foreignKey }
        if !out.isEmpty {
            text += "\n## Foreign keys\n\n"
            text += Markdown.table(["name", "columns", "references", "definition", "comment"], out.map { constraint in
                var name = Markdown.codeCell(constraint.name)
                if constraint.parentConstraint != nil { name += " (from the parent table)" }
                if !constraint.isValidated { name += ", not validated" }
                let target = constraint.referencedTable.map { Markdown.cell(link($0, from: here)) + " " + Markdown.codeCell("(" + constraint.referencedColumns.joined(separator: ", ") + ")") } ?? ""
                return [name, Markdown.codeCell(constraint.columns.joined(separator: ", ")), target, Markdown.codeCell(constraint.definition),
                        Markdown.cell(constraint.comment.map(Markdown.text) ?? "")]
            })
        }
        if let referencing = incoming[table.name], !referencing.isEmpty {
            text += "\n## Referenced by\n\n"
            text += Markdown.table(["table", "foreign key", "columns", "its rows per row here"], referencing.map { relationship in
                [Markdown.cell(link(relationship.child, from: here)), Markdown.codeCell(relationship.name),
                 Markdown.codeCell("(" + relationship.columns.joined(separator: ", ") + ") → (" + relationship.parentColumns.joined(separator: ", ") + ")"),
                 relationship.childCardinality.rawValue]
            })
        }
        return text
    }

    private func otherTableFacts(_ table: Table) -> String {
        var lines: [String] = []
        if let grants = grants(.table(table.name)) { lines.append("- Privileges: \(grants).") }
        let columnGrants = table.columns.compactMap { column in grants(.column(table: table.name, name: column.name)).map { "\(Markdown.code(column.name)): \($0)" } }
        if !columnGrants.isEmpty { lines.append("- Column privileges: " + columnGrants.joined(separator: "; ") + ".") }
        if !table.options.isEmpty { lines.append("- Storage parameters: " + table.options.map(Markdown.code).joined(separator: ", ") + ".") }
        switch table.replicaIdentity {
        case .default: break
        case .full: lines.append("- Replica identity: every column (`FULL`).")
        case .nothing: lines.append("- Replica identity: none (`NOTHING`).")
        case .index(let name): lines.append("- Replica identity: the index \(Markdown.code(name)).")
        }
        for column in table.columns {
            var settings: [String] = []
            if let target = column.statisticsTarget { settings.append("statistics target \(target)") }
            if let storage = column.storage { settings.append("storage \(Markdown.code(storage))") }
            if let compression = column.compression { settings.append("compression \(Markdown.code(compression))") }
            if !column.options.isEmpty { settings.append("options " + column.options.map(Markdown.code).joined(separator: ", ")) }
            if !settings.isEmpty { lines.append("- Column \(Markdown.code(column.name)): " + settings.joined(separator: ", ") + ".") }
        }
        guard !lines.isEmpty else { return "" }
        return "\n## Other settings\n\n" + lines.joined(separator: "\n") + "\n"
    }

    func indexTable(_ indexes: [Index]) -> String {
        Markdown.table(["index", "unique", "definition", "comment"], indexes.map { index in
            var name = Markdown.codeCell(index.name.name)
            if index.parentIndex != nil { name += " (from the parent table)" }
            if !index.isValid { name += ", invalid (a failed concurrent build)" }
            let definition = index.definition.range(of: " USING ").map { String(index.definition[$0.upperBound...]) } ?? index.definition
            return [name, index.isUnique ? "unique" : "", Markdown.codeCell(definition), Markdown.cell(index.comment.map(Markdown.text) ?? "")]
        })
    }

    func triggerTable(_ triggers: [Trigger]) -> String {
        Markdown.table(["trigger", "definition", "fires", "comment"], triggers.map { trigger in
            [Markdown.codeCell(trigger.name), Markdown.codeCell(trigger.definition), firing(trigger.enabled),
             Markdown.cell(trigger.comment.map(Markdown.text) ?? "")]
        })
    }

    func ruleTable(_ rules: [Rule]) -> String {
        Markdown.table(["rule", "definition", "fires", "comment"], rules.map { rule in
            [Markdown.codeCell(rule.name), Markdown.codeCell(rule.definition), firing(rule.enabled),
             Markdown.cell(rule.comment.map(Markdown.text) ?? "")]
        })
    }

    private func firing(_ enabled: Trigger.Enabled) -> String {
        switch enabled {
        case .origin: return "yes"
        case .disabled: return "no (disabled)"
        case .replica: return "on replicas only"
        case .always: return "always"
        }
    }
}
