/// Options as PostgreSQL stores them (`reloptions`, `attoptions`: `name=value` text items)
/// and as SQL writes them: `(fillfactor = '70', toast.autovacuum_enabled = 'false')`.
public enum SQLOptionList {
    /// `name=value` split at the first `=`; the value is empty when there is none.
    public static func split(_ option: String) -> (name: String, value: String) {
        let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    /// An option's name, each dot-separated part quoted when needed (`toast.fillfactor`).
    public static func name(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { SQLIdentifier.quoteIfNeeded(String($0)) }.joined(separator: ".")
    }

    /// `(name = 'value', …)`: every value as a string constant, which PostgreSQL accepts for
    /// every option and reads back as it stored it.
    public static func list(_ options: [String]) -> String {
        "(" + options.map { option in
            let (key, value) = split(option)
            return option.contains("=") ? name(key) + " = " + SQLLiteral.quote(value) : name(key)
        }.joined(separator: ", ") + ")"
    }
}
