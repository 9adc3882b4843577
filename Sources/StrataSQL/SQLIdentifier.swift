/// The one place that turns names into SQL identifiers. Nothing else should interpolate a name
/// into SQL text.
public enum SQLIdentifier {
    /// Always quotes: `"name"`, with every embedded `"` doubled.
    ///
    /// The result denotes exactly `name`, case and all (`Users` stays `Users`).
    public static func quote(_ name: String) -> String {
        var result = "\""
        result.reserveCapacity(name.utf8.count + 2)
        for scalar in name.unicodeScalars {
            if scalar == "\"" { result.unicodeScalars.append("\"") }
            result.unicodeScalars.append(scalar)
        }
        result.unicodeScalars.append("\"")
        return result
    }

    /// Leaves `name` bare when PostgreSQL would read it back unchanged, and quotes it otherwise.
    ///
    /// Bare only if it matches `[a-z_][a-z0-9_$]*` and is not a reserved, column-name or
    /// type/function-name keyword of PostgreSQL 17 (unreserved keywords such as `name` or `data`
    /// stay bare). So `users` stays `users`, while `Users`, `user`, `order` and `a"b` become
    /// `"Users"`, `"user"`, `"order"` and `"a""b"`.
    public static func quoteIfNeeded(_ name: String) -> String {
        requiresQuoting(name) ? quote(name) : name
    }

    /// `schema.name`, each part through ``quoteIfNeeded(_:)``; just the name when `schema` is
    /// `nil`.
    public static func qualified(_ schema: String?, _ name: String) -> String {
        guard let schema else { return quoteIfNeeded(name) }
        return quoteIfNeeded(schema) + "." + quoteIfNeeded(name)
    }

    /// Whether `name` must be quoted to be read back unchanged (see ``quoteIfNeeded(_:)``).
    public static func requiresQuoting(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "_") || (first >= 0x61 && first <= 0x7A) else {
            return true
        }
        let isSimple = bytes.dropFirst().allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || $0.isDecimalDigit || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "$")
        }
        return !isSimple || SQLKeywordCategory.of(name) != nil
    }
}
