import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func viewSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createView(let view):
            return createView(view, replace: false)
        case .replaceView(let view):
            return createView(view, replace: true)
        case .dropView(let view, let materialized):
            return "DROP " + (materialized ? "MATERIALIZED VIEW " : "VIEW ") + name(view)
        default:
            preconditionFailure("not a view change: \(change)")
        }
    }

    private static func createView(_ view: View, replace: Bool) -> String {
        var sql = "CREATE " + (replace ? "OR REPLACE " : "") + (view.isMaterialized ? "MATERIALIZED VIEW " : "VIEW ") + name(view.name)
        if !view.options.isEmpty { sql += " WITH " + storageParameters(view.options) }
        sql += " AS\n" + trimmedQuery(view.definition)
        if view.isMaterialized, !view.isPopulated { sql += "\n  WITH NO DATA" }
        return sql
    }

    /// The view query without a trailing semicolon; its indentation is kept.
    private static func trimmedQuery(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isWhitespace || last == ";" { result = result.dropLast() }
        while let first = result.first, first.isNewline { result = result.dropFirst() }
        return String(result)
    }
}
