/// What ``SchemaDocumenter`` needs besides the schema.
public struct DocsOptions: Sendable, Hashable {
    /// Where the schema was read from, as the index page names it: `the migrations`,
    /// `env:prod`, a path.
    public var source: String
    /// The most tables one Mermaid diagram draws. The index draws the whole schema up to
    /// it; past it, each schema's page draws that schema when it fits, and every table's
    /// page always draws the table with its neighbours. Mermaid's layout of more boxes is
    /// unreadable, and renderers cap the text of one diagram.
    public var mermaidLimit: Int
    /// The most tables one SVG diagram draws. Up to it, one `schema.svg` draws every
    /// schema, each in a framed group; past it, each schema gets its own
    /// `<schema>/schema.svg`, with the tables of other schemas its foreign keys reach drawn
    /// as bare boxes.
    public var svgLimit: Int

    public init(source: String, mermaidLimit: Int = 60, svgLimit: Int = 200) {
        self.source = source
        self.mermaidLimit = mermaidLimit
        self.svgLimit = svgLimit
    }
}
