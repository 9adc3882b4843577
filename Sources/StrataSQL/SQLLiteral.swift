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

    /// An escape string constant: `E'value'` with every `'` and `\` doubled, which reads the
    /// same whatever `standard_conforming_strings` is, for SQL sent on a session where a
    /// migration may have turned it off.
    public static func escapeString(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\\") }) {
            return "E'" + value + "'"
        }
        var result = "E'"
        result.reserveCapacity(value.utf8.count + 3)
        for scalar in value.unicodeScalars {
            if scalar == "'" || scalar == "\\" { result.unicodeScalars.append(scalar) }
            result.unicodeScalars.append(scalar)
        }
        result.unicodeScalars.append("'")
        return result
    }
}
