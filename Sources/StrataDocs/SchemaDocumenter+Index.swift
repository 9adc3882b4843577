import StrataSchema

extension SchemaDocumenter {
    /// `README.md`: what was documented, the diagrams, the schemas, extensions and casts,
    /// and the objects of kinds that are not read in detail.
    func indexPage() -> String {
        var text = header("Database schema")
        let tables = schema.tables.count, views = schema.views.count, routines = schema.routines.count
        let types = schema.enums.count + schema.domains.count + schema.compositeTypes.count + schema.rangeTypes.count
        text += "\nThe schema of \(Markdown.text(options.source)), documented by `strata docs`: "
        text += [
            count(schemaNames.count, "schema"), count(tables, "table"), count(views, "view"), count(routines, "function"),
            count(types, "type"), count(schema.sequences.count, "sequence"),
        ].joined(separator: ", ") + ".\n"

        text += "\n## Diagram\n\n"
        if drawnTableCount == 0 {
            text += "No tables.\n"
        } else {
            if drawsWholeSVG {
                text += "The SVG diagram, every column with its type and keys: [schema.svg](schema.svg) (made by Graphviz from [schema.dot](schema.dot)).\n"
            } else {
                let withTables = schemaNames.filter { name in schema.tables.contains { $0.name.schema == name && $0.partitionOf == nil } }
                text += "\(drawnTableCount) tables are more than one SVG diagram lays out readably (\(options.svgLimit)), so each schema has its own, "
                text += "made by Graphviz from the `schema.dot` beside it: "
                text += withTables.map { Markdown.link(Markdown.code($0), to: names.folder($0) + "/schema.svg") }.joined(separator: ", ") + ".\n"
            }
            if drawsWholeMermaid {
                text += "\nEvery table with its key columns, and a line per foreign key (partitions are drawn as their partitioned table):\n\n"
                text += MermaidERDiagram.block(ERModel(schema: schema, relationships: relationships))
            } else {
                text += "\n\(drawnTableCount) tables are more than one Mermaid diagram draws readably (\(options.mermaidLimit)): "
                text += "each schema's page draws its tables when they are fewer, and each table's page draws the table with the tables its foreign keys connect it to.\n"
            }
        }

        text += "\n## Schemas\n\n"
        var rows: [[String]] = []
        for name in schemaNames {
            let comment = schema.namespaces.first { $0.name == name }?.comment
            rows.append([
                Markdown.cell(Markdown.link(Markdown.code(name), to: names.schemaPage(name))),
                "\(schema.tables.filter { $0.name.schema == name }.count)",
                "\(schema.views.filter { $0.name.schema == name }.count)",
                "\(schema.routines.filter { $0.name.schema == name }.count)",
                "\(typeCount(in: name))",
                Markdown.cell(comment.map(Markdown.text) ?? ""),
            ])
        }
        text += Markdown.table(["schema", "tables", "views", "functions", "types", "comment"], rows)

        if !schema.extensions.isEmpty {
            text += "\n## Extensions\n\n"
            text += Markdown.table(["extension", "schema", "version"], schema.extensions.map {
                [Markdown.codeCell($0.name), Markdown.codeCell($0.schema), Markdown.codeCell($0.version)]
            })
        }
        if !schema.casts.isEmpty {
            text += "\n## Casts\n\n"
            text += Markdown.table(["from", "to", "how", "applied", "comment"], schema.casts.map { cast in
                let method: String
                switch cast.method {
                case .function(let function): method = "function " + Markdown.code(function.name)
                case .binary: method = "binary coercible"
                case .inOut: method = "through text (`WITH INOUT`)"
                }
                return [Markdown.codeCell(cast.source), Markdown.codeCell(cast.target), Markdown.cell(method), cast.context.rawValue,
                        Markdown.cell(cast.comment.map(Markdown.text) ?? "")]
            })
        }
        if !schema.notCompared.isEmpty {
            text += "\n## Not documented\n\n"
            text += "Objects of kinds Strata does not read in detail (docs/compared-objects.md), named so that none goes unmentioned:\n\n"
            for object in schema.notCompared { text += "- \(Markdown.text(object.kind)) \(Markdown.code(object.name))\n" }
        }
        return text
    }

    func typeCount(in name: String) -> Int {
        schema.enums.filter { $0.name.schema == name }.count + schema.domains.filter { $0.name.schema == name }.count
            + schema.compositeTypes.filter { $0.name.schema == name }.count + schema.rangeTypes.filter { $0.name.schema == name }.count
    }
}
