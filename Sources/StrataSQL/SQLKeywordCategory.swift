/// How far a PostgreSQL keyword is reserved, per `src/include/parser/kwlist.h` of PostgreSQL 17.
///
/// Only unreserved keywords may be used as bare identifiers everywhere; every category here can
/// break an unquoted name in some position, so ``SQLIdentifier/quoteIfNeeded(_:)`` quotes them.
public enum SQLKeywordCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// `COL_NAME_KEYWORD`: may be a column name, but not a function or type name.
    case columnName = "col_name"
    /// `TYPE_FUNC_NAME_KEYWORD`: may be a function or type name, but not a column name.
    case typeFunctionName = "type_func_name"
    /// `RESERVED_KEYWORD`: only after `AS` or quoted.
    case reserved

    /// The category of `word` (compared ignoring ASCII case), or `nil` when it is not a keyword or
    /// is an unreserved one.
    public static func of(_ word: String) -> SQLKeywordCategory? {
        let folded = String(decoding: word.utf8.map { $0.isASCIILetter ? $0 | 0x20 : $0 }, as: UTF8.self)
        if reservedWords.contains(folded) { return .reserved }
        if columnNameWords.contains(folded) { return .columnName }
        if typeFunctionNameWords.contains(folded) { return .typeFunctionName }
        return nil
    }

    /// The keywords of this category, lower-case.
    public var words: Set<String> {
        switch self {
        case .columnName: Self.columnNameWords
        case .typeFunctionName: Self.typeFunctionNameWords
        case .reserved: Self.reservedWords
        }
    }

    private static let reservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
        "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
        "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
        "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
        "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
        "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
        "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
        "variadic", "when", "where", "window", "with",
    ]

    private static let columnNameWords: Set<String> = [
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
        "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
        "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
        "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "least",
        "merge_action", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
        "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
        "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
        "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    ]

    private static let typeFunctionNameWords: Set<String> = [
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
        "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer",
        "overlaps", "right", "similar", "tablesample", "verbose",
    ]
}
