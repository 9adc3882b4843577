import StrataSQL

/// Where a statement is and which findings its file and comments ignore.
struct StatementContext {
    var file: String
    var isReported: Bool
    var position: SourcePosition
    /// The statement's text; only a finding needs its excerpt.
    var text: String
    var ignores: Set<String>

    var excerpt: String { LintFinding.excerpt(of: text) }
}
