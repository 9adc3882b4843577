import StrataSchema

extension SchemaDocumenter {
    /// `<schema>/<view>.md`: columns, what the view reads and what uses it, its query,
    /// and a materialized view's indexes; triggers, rules, options and privileges.
    func viewPage(_ view: View) -> String {
        let here = view.name.schema
        let noun = view.isMaterialized ? "Materialized view" : "View"
        var text = header(noun + " " + Markdown.code(view.name.description))
        text += "\n[Index](../README.md) · [Schema \(Markdown.code(here))](README.md)\n"
        text += comment(view.comment)
        if view.isMaterialized && !view.isPopulated { text += "\nNot populated (created `WITH NO DATA` and not refreshed since).\n" }

        text += "\n## Columns\n\n"
        text += Markdown.table(["column", "type", "comment"], view.columns.map { column in
            [Markdown.codeCell(column.name), Markdown.codeCell(column.type), Markdown.cell(column.comment.map(Markdown.text) ?? "")]
        })
        let reads = used(by: .view(view.name), from: here)
        if !reads.isEmpty {
            text += "\n## Uses\n\n" + reads.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        let dependents = (usedBy[view.name] ?? []).filter {
            if case .column(let table, _) = $0 { return table != view.name }
            return $0 != .view(view.name)
        }
        if !dependents.isEmpty {
            text += "\n## Used by\n\n" + dependents.map { "- " + describe($0, from: here) }.joined(separator: "\n") + "\n"
        }
        text += "\n## Definition\n\n"
        text += Markdown.fenced(view.definition, language: "sql")
        if !view.indexes.isEmpty {
            text += "\n## Indexes\n\n" + indexTable(view.indexes)
        }
        if !view.triggers.isEmpty {
            text += "\n## Triggers\n\n" + triggerTable(view.triggers)
        }
        if !view.rules.isEmpty {
            text += "\n## Rules\n\n" + ruleTable(view.rules)
        }
        var lines: [String] = []
        if !view.options.isEmpty { lines.append("- Options: " + view.options.map(Markdown.code).joined(separator: ", ") + ".") }
        if let grants = grants(.view(view.name)) { lines.append("- Privileges: \(grants).") }
        if !lines.isEmpty { text += "\n## Other settings\n\n" + lines.joined(separator: "\n") + "\n" }
        return text
    }

    /// What `object` uses, a line each: a table or view with the columns it reads, then other
    /// objects (functions, types, sequences).
    func used(by object: ObjectID, from here: String) -> [String] {
        var columns: [QualifiedName: [String]] = [:]
        var others: [ObjectID] = []
        for used in uses[object] ?? [] where used != object {
            switch used {
            case .table(let name), .view(let name): columns[name] = columns[name] ?? []
            case .column(let table, let name): columns[table, default: []].append(name)
            default: others.append(used)
            }
        }
        var lines = columns.keys.sorted().map { name in
            let noun = viewNames.contains(name) ? "view " : "table "
            let names = columns[name] ?? []
            return noun + link(name, from: here) + (names.isEmpty ? "" : ": " + names.map(Markdown.code).joined(separator: ", "))
        }
        lines += others.map { describe($0, from: here) }
        return lines
    }

    /// An object in a list: its kind, and its name linked to its page when it has one.
    func describe(_ object: ObjectID, from here: String) -> String {
        switch object {
        case .table(let name): return "table " + link(name, from: here)
        case .view(let name): return "view " + link(name, from: here)
        case .column(let table, let name): return (viewNames.contains(table) ? "view " : "table ") + link(table, from: here) + ", column " + Markdown.code(name)
        default: return Markdown.text(ChangeLookup.noun(object)) + " " + Markdown.code(object.name)
        }
    }
}
