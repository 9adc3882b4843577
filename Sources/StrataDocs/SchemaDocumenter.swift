import StrataSchema

/// Turns a ``Schema`` into documentation pages: an index with the ER diagram, a page per
/// schema (its types, functions, sequences and other objects, and the list of its tables
/// and views), and a page per table and view, plus the DOT source of the SVG diagram.
///
/// Pure and deterministic: the same schema and options give the same pages, byte for byte
/// (objects in name order, no timestamps), so the pages diff well in review.
///
/// ```
/// README.md              the index: counts, diagrams, schemas, extensions, casts
/// schema.dot             the SVG diagram's source (or <schema>/schema.dot past svgLimit)
/// public/README.md       a schema: tables, views, types, functions, sequences, …
/// public/users.md        a table: columns, keys, indexes, foreign keys in and out, …
/// ```
public struct SchemaDocumenter: Sendable {
    public let schema: Schema
    public let options: DocsOptions
    let names: PageNames
    /// Every foreign key, sorted (``Relationship/all(in:)``).
    let relationships: [Relationship]
    /// Foreign keys by referencing table and by referenced table.
    let outgoing: [QualifiedName: [Relationship]]
    let incoming: [QualifiedName: [Relationship]]
    /// Partitions by partitioned table, in name order.
    let partitions: [QualifiedName: [Table]]
    let privileges: [ObjectID: ObjectPrivileges]
    /// What each object uses (``Schema/dependencies``), sorted.
    let uses: [ObjectID: [ObjectID]]
    /// What uses a table or view or one of its columns, sorted.
    let usedBy: [QualifiedName: [ObjectID]]
    /// The names of the views and materialized views.
    let viewNames: Set<QualifiedName>
    /// Every schema that has a folder: the namespaces and the schemas objects are in.
    let schemaNames: [String]
    /// Tables a diagram draws as boxes: all but partitions.
    let drawnTableCount: Int

    public init(schema: Schema, options: DocsOptions) {
        let schema = schema.sorted()
        self.schema = schema
        self.options = options
        var schemaSet = Set(schema.namespaces.map(\.name))
        var qualified: [QualifiedName] = schema.tables.map(\.name)
        qualified += schema.views.map(\.name)
        qualified += schema.enums.map(\.name)
        qualified += schema.domains.map(\.name)
        qualified += schema.compositeTypes.map(\.name)
        qualified += schema.rangeTypes.map(\.name)
        qualified += schema.sequences.map(\.name)
        qualified += schema.routines.map(\.name)
        qualified += schema.collations.map(\.name)
        qualified += schema.statistics.map(\.name)
        qualified += schema.operators.map(\.name)
        qualified += schema.textSearchDictionaries.map(\.name)
        qualified += schema.textSearchConfigurations.map(\.name)
        schemaSet.formUnion(qualified.map(\.schema))
        schemaNames = schemaSet.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        names = PageNames(schemas: schemaNames, relations: schema.tables.map(\.name) + schema.views.map(\.name))
        relationships = Relationship.all(in: schema)
        outgoing = Dictionary(grouping: relationships, by: \.child)
        incoming = Dictionary(grouping: relationships, by: \.parent)
        partitions = Dictionary(grouping: schema.tables.filter { $0.partitionOf != nil }, by: { $0.partitionOf?.parent ?? $0.name })
        privileges = Dictionary(schema.privileges.map { ($0.object, $0) }, uniquingKeysWith: { first, _ in first })
        uses = Dictionary(grouping: schema.dependencies, by: \.from).mapValues { Array(Set($0.map(\.to))).sorted() }
        var users: [QualifiedName: Set<ObjectID>] = [:]
        for dependency in schema.dependencies {
            switch dependency.to {
            case .table(let name), .view(let name), .column(let name, _): users[name, default: []].insert(dependency.from)
            default: break
            }
        }
        usedBy = users.mapValues { $0.sorted() }
        viewNames = Set(schema.views.map(\.name))
        drawnTableCount = schema.tables.filter { $0.partitionOf == nil }.count
    }

    /// Whether the index draws every table in one Mermaid diagram.
    var drawsWholeMermaid: Bool { drawnTableCount <= options.mermaidLimit }

    /// Whether one SVG draws every schema; else one SVG per schema.
    var drawsWholeSVG: Bool { drawnTableCount <= options.svgLimit }

    /// Every page, the index first, then each schema's folder in name order.
    public func pages() -> [DocsPage] {
        var pages = [DocsPage(path: "README.md", text: indexPage())]
        pages += diagramSources()
        for name in schemaNames {
            pages.append(DocsPage(path: names.schemaPage(name), text: schemaPage(name)))
            for table in schema.tables where table.name.schema == name {
                pages.append(DocsPage(path: names.page(table.name), text: tablePage(table)))
            }
            for view in schema.views where view.name.schema == name {
                pages.append(DocsPage(path: names.page(view.name), text: viewPage(view)))
            }
        }
        return pages
    }

    /// The DOT sources: `schema.dot`, or one `<schema>/schema.dot` per schema with tables.
    /// `strata docs` renders each into the `.svg` of the same name beside it.
    public func diagramSources() -> [DocsPage] {
        guard drawnTableCount > 0 else { return [] }
        if drawsWholeSVG {
            return [DocsPage(path: "schema.dot", text: DotDiagram.render(ERModel(schema: schema, relationships: relationships), title: "Database schema"))]
        }
        return schemaNames.filter { name in schema.tables.contains { $0.name.schema == name && $0.partitionOf == nil } }.map { name in
            DocsPage(
                path: names.folder(name) + "/schema.dot",
                text: DotDiagram.render(ERModel(schema: schema, relationships: relationships, selecting: { $0.schema == name }), title: "Schema \(name)")
            )
        }
    }

    // MARK: - Shared pieces

    /// The marker line and the page's title.
    func header(_ title: String) -> String {
        DocsPage.marker + "\n\n# " + title + "\n"
    }

    /// A comment as a quote block after a blank line, or nothing.
    func comment(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "\n" + Markdown.quote(text) + "\n"
    }

    /// A link to a table's or view's page from a page in `fromSchema`'s folder (the index
    /// passes nil), or the name in a code span when it has no page.
    func link(_ relation: QualifiedName, from fromSchema: String?) -> String {
        guard names.hasPage(relation) else { return Markdown.code(relation.description) }
        let target = fromSchema.map { names.link(to: relation, fromSchema: $0) } ?? names.page(relation)
        return Markdown.link(Markdown.code(relation.description), to: target)
    }

    /// `n thing` / `n things`.
    func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// The grants on an object that differ from PostgreSQL's default, as a line; nil when
    /// it has the default.
    func grants(_ object: ObjectID) -> String? {
        guard let entry = privileges[object] else { return nil }
        if entry.grants.isEmpty { return "none (every privilege revoked)" }
        return entry.grants.map { Markdown.text($0.description) }.joined(separator: "; ")
    }
}
