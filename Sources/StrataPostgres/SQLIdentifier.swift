/// Quoting of SQL identifiers: the one way Strata puts a name into SQL text.
public enum SQLIdentifier {
    /// `name` as a quoted identifier: wrapped in double quotes, with every double quote
    /// doubled, so any name (keywords, capitals, spaces, quotes) means exactly itself.
    public static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
