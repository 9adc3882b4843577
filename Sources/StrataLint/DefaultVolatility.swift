/// How volatile a column default is: what decides whether `ADD COLUMN … DEFAULT` rewrites the
/// table (PostgreSQL ≥ 11 stores a non-volatile default in the catalog and rewrites nothing).
enum DefaultVolatility {
    /// Built-in functions that are VOLATILE in PostgreSQL 13–17 and likely in a default.
    static let volatileBuiltins: Set<String> = [
        "random", "random_normal", "setseed", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval", "setval", "currval", "lastval",
        "txid_current", "pg_current_xact_id", "gen_random_bytes", "gen_salt", "crypt", "pg_sleep", "dblink",
    ]

    /// The first volatile function the expression calls, with its volatility known from the
    /// built-ins above or from `functions` (user functions created by earlier statements);
    /// nil when every call is stable or immutable, or unknown (assumed not volatile, as
    /// nearly every other built-in is).
    static func volatileCall(in expression: ArraySlice<Word>, functions: [String: Volatility]) -> String? {
        var previous: Word?
        var qualifiedBy: String?
        for word in expression {
            defer { previous = word }
            if word.kind == .punctuation && word.keyword == "(", let callee = previous, callee.isName {
                let name = callee.name
                if let volatility = functions[qualifiedBy.map { "\($0).\(name)" } ?? name] ?? functions[name] {
                    if volatility == .volatile { return qualifiedBy.map { "\($0).\(name)" } ?? name }
                } else if volatileBuiltins.contains(name) {
                    return name
                }
            }
            if word.kind == .punctuation && word.keyword == ".", let part = previous, part.isName {
                qualifiedBy = part.name
            } else if word.kind != .identifier && word.kind != .quotedIdentifier {
                qualifiedBy = nil
            }
        }
        return nil
    }
}
