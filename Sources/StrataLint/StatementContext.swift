import StrataSQL

/// Where a statement is and which findings its file and comments ignore.
struct StatementContext {
    var file: String
    var isReported: Bool
    var position: SourcePosition
    /// The statement's text; only a finding needs its excerpt.
    var text: String
    var ignores: Set<String>

    var excerpt: String { Self.excerpt(text) }

    /// The first line of a statement, shortened to 100 characters.
    static func excerpt(_ text: String) -> String {
        let line = text.prefix { $0 != "\n" && $0 != "\r" }
        let shortened = line.count > 100 ? line.prefix(99) + "…" : line
        return line.count < text.count && shortened.count == line.count ? shortened + " …" : String(shortened)
    }
}
