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

    /// The name an identifier token denotes, as PostgreSQL reads it: an unquoted identifier
    /// folded to lower case (ASCII only), a quoted one (`"a""b"`, `U&"…"`) without its quotes
    /// and with `""` read as `"`; nil for any other kind of token.
    public static func name<Bytes: Collection>(of kind: TokenKind, bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        switch kind {
        case .identifier:
            return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        case .quotedIdentifier:
            var body = Array(bytes)[...]
            if body.first != UInt8(ascii: "\"") { body = body.dropFirst(2) }  // U&"…"
            guard body.count >= 2 else { return nil }
            var inner: [UInt8] = []
            var previousWasQuote = false
            for byte in body.dropFirst().dropLast(body.last == UInt8(ascii: "\"") ? 1 : 0) {
                // `""` inside the quotes is one `"`.
                if byte == UInt8(ascii: "\"") && previousWasQuote {
                    previousWasQuote = false
                    continue
                }
                previousWasQuote = byte == UInt8(ascii: "\"")
                inner.append(byte)
            }
            return String(decoding: inner, as: UTF8.self)
        default:
            return nil
        }
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
