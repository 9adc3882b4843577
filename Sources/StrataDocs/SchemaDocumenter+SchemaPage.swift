import StrataSchema

extension SchemaDocumenter {
    /// `<schema>/README.md`: its tables and views (linked), then every other kind of object
    /// it holds, each kind in a table.
    func schemaPage(_ name: String) -> String {
        var text = header("Schema " + Markdown.code(name))
        text += "\n[Index](../README.md)\n"
        text += comment(schema.namespaces.first { $0.name == name }?.comment)
        if let grants = grants(.namespace(name)) { text += "\nPrivileges: \(grants).\n" }

        let tables = schema.tables.filter { $0.name.schema == name }
        let drawn = tables.filter { $0.partitionOf == nil }
        if !drawn.isEmpty && !drawsWholeMermaid {
            text += "\n## Diagram\n\n"
            if !drawsWholeSVG { text += "The SVG diagram of this schema: [schema.svg](schema.svg) (from [schema.dot](schema.dot)).\n\n" }
            if drawn.count <= options.mermaidLimit {
                text += MermaidERDiagram.block(ERModel(schema: schema, relationships: relationships, selecting: { $0.schema == name }))
            } else {
                text += "\(drawn.count) tables are more than one Mermaid diagram draws readably (\(options.mermaidLimit)); each table's page draws its neighbours.\n"
            }
        } else if !drawn.isEmpty && !drawsWholeSVG {
            text += "\nThe SVG diagram of this schema: [schema.svg](schema.svg) (from [schema.dot](schema.dot)).\n"
        }

        if !tables.isEmpty {
            text += "\n## Tables\n\n"
            text += Markdown.table(["table", "kind", "columns", "comment"], tables.map { table in
                [Markdown.cell(link(table.name, from: name)), Markdown.cell(kind(of: table, from: name)), "\(table.columns.count)",
                 Markdown.cell(table.comment.map(Markdown.text) ?? "")]
            })
        }
        let views = schema.views.filter { $0.name.schema == name }
        if !views.isEmpty {
            text += "\n## Views\n\n"
            text += Markdown.table(["view", "kind", "columns", "comment"], views.map { view in
                [Markdown.cell(link(view.name, from: name)), view.isMaterialized ? "materialized view" : "view", "\(view.columns.count)",
                 Markdown.cell(view.comment.map(Markdown.text) ?? "")]
            })
        }
        text += typeSections(name)
        text += routineSection(name)
        text += sequenceSection(name)
        text += otherObjectSections(name)
        return text
    }

    /// `table`, `partitioned table (RANGE (x))`, `partition of …`, `unlogged table`.
    func kind(of table: Table, from schemaName: String) -> String {
        var words: [String] = []
        if table.isUnlogged { words.append("unlogged") }
        if let partition = table.partitionOf {
            words.append("partition of " + link(partition.parent, from: schemaName))
        } else if table.kind == .partitioned {
            words.append("table partitioned" + (table.partitionKey.map { " by " + Markdown.code($0) } ?? ""))
        } else {
            words.append("table")
        }
        if !table.inherits.isEmpty {
            words.append("inherits " + table.inherits.map { link($0, from: schemaName) }.joined(separator: ", "))
        }
        return words.joined(separator: " ")
    }

    private func typeSections(_ name: String) -> String {
        var text = ""
        let enums = schema.enums.filter { $0.name.schema == name }
        if !enums.isEmpty {
            text += "\n## Enums\n\n"
            text += Markdown.table(["enum", "values", "comment"], enums.map { item in
                [Markdown.codeCell(item.name.description), item.labels.map(Markdown.codeCell).joined(separator: ", "),
                 Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        let domains = schema.domains.filter { $0.name.schema == name }
        if !domains.isEmpty {
            text += "\n## Domains\n\n"
            text += Markdown.table(["domain", "base type", "nullable", "default", "checks", "comment"], domains.map { item in
                [Markdown.codeCell(item.name.description),
                 Markdown.codeCell(item.baseType) + (item.collation.map { " collate " + Markdown.codeCell($0.description) } ?? ""),
                 item.isNotNull ? "not null" : "null", item.defaultExpression.map(Markdown.codeCell) ?? "",
                 item.constraints.map { Markdown.codeCell($0.name) + ": " + Markdown.codeCell($0.definition) }.joined(separator: "<br>"),
                 Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        let composites = schema.compositeTypes.filter { $0.name.schema == name }
        if !composites.isEmpty {
            text += "\n## Composite types\n\n"
            text += Markdown.table(["type", "attributes", "comment"], composites.map { item in
                [Markdown.codeCell(item.name.description),
                 item.attributes.map { Markdown.codeCell($0.name + " " + $0.type) }.joined(separator: "<br>"),
                 Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        let ranges = schema.rangeTypes.filter { $0.name.schema == name }
        if !ranges.isEmpty {
            text += "\n## Range types\n\n"
            text += Markdown.table(["type", "subtype", "multirange", "comment"], ranges.map { item in
                [Markdown.codeCell(item.name.description), Markdown.codeCell(item.subtype), Markdown.codeCell(item.multirange.description),
                 Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        return text
    }

    private func routineSection(_ name: String) -> String {
        let routines = schema.routines.filter { $0.name.schema == name }
        guard !routines.isEmpty else { return "" }
        return "\n## Functions\n\n" + Markdown.table(["signature", "kind", "returns", "language", "comment"], routines.map { routine in
            var kind = routine.kind.rawValue
            if let grants = grants(routine.id) { kind += "<br>privileges: " + grants }
            return [Markdown.codeCell("\(routine.name)(\(routine.arguments))"), Markdown.cell(kind),
                    routine.returns.map(Markdown.codeCell) ?? "", Markdown.codeCell(routine.language),
                    Markdown.cell(routine.comment.map(Markdown.text) ?? "")]
        })
    }

    private func sequenceSection(_ name: String) -> String {
        let sequences = schema.sequences.filter { $0.name.schema == name }
        guard !sequences.isEmpty else { return "" }
        return "\n## Sequences\n\n" + Markdown.table(["sequence", "type", "start", "increment", "range", "cache", "cycles", "owned by", "comment"],
            sequences.map { item in
                let options = item.options
                return [Markdown.codeCell(item.name.description), Markdown.codeCell(options.dataType), "\(options.start)", "\(options.increment)",
                        "\(options.minValue) to \(options.maxValue)", "\(options.cache)", options.cycle ? "yes" : "no",
                        item.ownedBy.map { Markdown.cell(link($0.table, from: name) + "." + Markdown.code($0.column)) } ?? "",
                        Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
    }

    private func otherObjectSections(_ name: String) -> String {
        var text = ""
        let collations = schema.collations.filter { $0.name.schema == name }
        if !collations.isEmpty {
            text += "\n## Collations\n\n" + Markdown.table(["collation", "provider", "locale", "deterministic", "comment"], collations.map { item in
                let provider = ["c": "libc", "i": "icu", "d": "default"][item.provider] ?? item.provider
                return [Markdown.codeCell(item.name.description), provider, Markdown.codeCell(item.locale), item.isDeterministic ? "yes" : "no",
                        Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        let statistics = schema.statistics.filter { $0.name.schema == name }
        if !statistics.isEmpty {
            text += "\n## Extended statistics\n\n" + Markdown.table(["statistics", "table", "definition"], statistics.map { item in
                [Markdown.codeCell(item.name.description), Markdown.cell(link(item.table, from: name)), Markdown.codeCell(item.definition)]
            })
        }
        let operators = schema.operators.filter { $0.name.schema == name }
        if !operators.isEmpty {
            text += "\n## Operators\n\n" + Markdown.table(["operator", "left", "right", "function", "comment"], operators.map { item in
                [Markdown.codeCell(item.name.name), item.leftType.map(Markdown.codeCell) ?? "(prefix)", Markdown.codeCell(item.rightType),
                 Markdown.codeCell(item.function.name), Markdown.cell(item.comment.map(Markdown.text) ?? "")]
            })
        }
        let dictionaries = schema.textSearchDictionaries.filter { $0.name.schema == name }
        if !dictionaries.isEmpty {
            text += "\n## Text search dictionaries\n\n" + Markdown.table(["dictionary", "template", "options"], dictionaries.map { item in
                [Markdown.codeCell(item.name.description), Markdown.codeCell(item.template.description), item.options.map(Markdown.codeCell) ?? ""]
            })
        }
        let configurations = schema.textSearchConfigurations.filter { $0.name.schema == name }
        if !configurations.isEmpty {
            text += "\n## Text search configurations\n\n" + Markdown.table(["configuration", "parser", "mappings"], configurations.map { item in
                [Markdown.codeCell(item.name.description), Markdown.codeCell(item.parser.description),
                 item.mappings.map { Markdown.codeCell($0.tokenType) + " → " + $0.dictionaries.map { Markdown.codeCell($0.description) }.joined(separator: ", ") }
                    .joined(separator: "<br>")]
            })
        }
        return text
    }
}
