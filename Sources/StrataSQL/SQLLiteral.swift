/// Quoting of string constants, for the rare SQL text that cannot bind a value (DDL defaults,
/// comments, generated migrations). Prefer bound parameters everywhere else.
public enum SQLLiteral {
    /// A standard-conforming string constant: `'value'` with every `'` doubled.
    ///
    /// Backslashes are left as they are, which is exact under `standard_conforming_strings = on`
    /// (PostgreSQL's default since 9.1, and what Strata assumes). PostgreSQL strings cannot hold
    /// the NUL character; a value containing one is rejected by the server.
    public static func quote(_ value: String) -> String {
        var result = "'"
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            if scalar == "'" { result.unicodeScalars.append("'") }
            result.unicodeScalars.append(scalar)
        }
        result.unicodeScalars.append("'")
        return result
    }
}
