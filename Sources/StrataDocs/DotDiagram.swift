import StrataSchema

/// An ``ERModel`` as Graphviz DOT source, laid out left to right, with a cluster (a framed
/// group) per schema: every table as a box listing its columns, types and keys, and an
/// edge per foreign key from the referencing column to the referenced one, with
/// crow's-foot ends (a crow's foot for "many", a bar for "one", a circle for "or zero").
///
/// The text is deterministic (entities and edges in name order), so it diffs well; the
/// SVG is made from it by `dot -Tsvg`, outside this pure renderer.
public enum DotDiagram {
    /// The DOT source, starting with ``DocsPage/dotMarker``.
    public static func render(_ model: ERModel, title: String) -> String {
        var text = DocsPage.dotMarker + "\n"
        text += "digraph schema {\n"
        text += "    graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, nodesep=0.35, ranksep=1.1, labelloc=t, label=\(quoted(title))];\n"
        text += "    node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n"
        text += "    edge [dir=both, color=\"#4a5a6a\", arrowsize=0.8];\n"
        var ports: [QualifiedName: [String: Int]] = [:]
        let schemas = Array(Set(model.entities.map(\.name.schema))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, schema) in schemas.enumerated() {
            text += "    subgraph cluster_\(index) {\n"
            text += "        label=\(quoted(schema)); style=rounded; color=\"#9aa5b1\"; fontcolor=\"#334455\";\n"
            for entity in model.entities where entity.name.schema == schema {
                text += "        \(quoted(entity.name.description)) [label=<\(label(entity))>"
                text += entity.isReference ? ", tooltip=\(quoted(entity.name.description + " (drawn here for its foreign keys)"))];\n" : "];\n"
                ports[entity.name] = Dictionary(entity.attributes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            }
            text += "    }\n"
        }
        for relationship in model.relationships {
            let child = endpoint(relationship.child, column: relationship.columns.first, ports: ports)
            let parent = endpoint(relationship.parent, column: relationship.parentColumns.first, ports: ports)
            let head = relationship.parentCardinality == .exactlyOne ? "teetee" : "teeodot"
            let tail = relationship.childCardinality == .zeroOrOne ? "teeodot" : "crowodot"
            let style = relationship.isIdentifying ? "" : ", style=dashed"
            text += "    \(child) -> \(parent) [arrowhead=\(head), arrowtail=\(tail)\(style), tooltip=\(quoted(relationship.name))];\n"
        }
        return text + "}\n"
    }

    private static func endpoint(_ table: QualifiedName, column: String?, ports: [QualifiedName: [String: Int]]) -> String {
        guard let column, let port = ports[table]?[column] else { return quoted(table.description) }
        return quoted(table.description) + ":p\(port)"
    }

    /// A table as an HTML-like label: the name on top, then one row per column.
    static func label(_ entity: ERModel.Entity) -> String {
        let header = entity.isReference ? "#eeeeee" : "#dbe4f0"
        var rows = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
        var title = "<b>\(html(entity.name.description))</b>"
        if !entity.partitions.isEmpty { title += " <i>(\(entity.partitions.count) partition\(entity.partitions.count == 1 ? "" : "s"))</i>" }
        rows += "<tr><td colspan=\"3\" bgcolor=\"\(header)\">\(title)</td></tr>"
        for (index, attribute) in entity.attributes.enumerated() {
            var keys: [String] = []
            if attribute.isPrimaryKey { keys.append("PK") }
            if attribute.isForeignKey { keys.append("FK") }
            if attribute.isUnique && !attribute.isPrimaryKey { keys.append("UK") }
            let name = attribute.isPrimaryKey ? "<b>\(html(attribute.name))</b>" : html(attribute.name)
            rows += "<tr><td align=\"left\" port=\"p\(index)\">\(name)</td>"
            rows += "<td align=\"left\">\(html(attribute.type))\(attribute.isNotNull ? "" : " <font color=\"#777777\">null</font>")</td>"
            rows += "<td>\(keys.joined(separator: " "))</td></tr>"
        }
        // Every partition by name, a few to a row.
        for start in stride(from: 0, to: entity.partitions.count, by: 3) {
            let names = entity.partitions[start..<min(start + 3, entity.partitions.count)].map { html($0.description) }
            rows += "<tr><td colspan=\"3\" align=\"left\"><font color=\"#555555\">\(start == 0 ? "partitions: " : "")\(names.joined(separator: ", "))</font></td></tr>"
        }
        return rows + "</table>"
    }

    /// A DOT string in double quotes.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }

    /// Text inside an HTML-like label.
    static func html(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
