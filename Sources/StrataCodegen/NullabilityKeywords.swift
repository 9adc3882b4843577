import StrataSQL

/// Keyword sets the nullability reader consults.
enum NullabilityKeywords {
    /// Whether `word` (lower case) is a keyword PostgreSQL restricts somewhere (reserved,
    /// column-name or type/function-name), so a bare name is not an alias.
    static func isKeyword(_ word: String) -> Bool {
        SQLKeywordCategory.of(word) != nil
    }

    /// Whether an unquoted `word` after a FROM item ends the item instead of naming it.
    static func stopsBareAlias(_ word: String) -> Bool {
        isKeyword(word) || word == "set" || word == "returning"
    }

    /// Keywords that are values by themselves (SQL's niladic functions), maybe with `(p)`.
    static let valueKeywords: Set<String> = [
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
        "session_user", "user", "current_role", "current_catalog", "current_schema", "system_user",
    ]

    /// The value keywords that are never NULL (`current_schema` is NULL with an empty search
    /// path, `system_user` without authentication).
    static let notNullValueKeywords: Set<String> = valueKeywords.subtracting(["current_schema", "system_user"])

    /// Operators that yield NULL for non-null operands (a missing key or path).
    static let nullProducingOperators: Set<String> = ["->", "->>", "#>", "#>>"]
}
