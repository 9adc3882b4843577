/// What the reader knows of built-in functions' NULL results.
///
/// Functions it does not list may return NULL as far as it knows (user functions included).
enum NullabilityFunctions {
    /// An aggregate's result over a group that has at least one row.
    enum OverGroup: Sendable, Equatable {
        /// Never NULL (`array_agg` of a non-empty group is an array).
        case notNull
        /// Not NULL when its arguments are not (`max`, `sum`, `bool_and`, `string_agg`, …).
        case followsArguments
        /// May be NULL (`stddev` of one row, `percentile_cont`, …).
        case unknown
    }

    enum Kind: Sendable, Equatable {
        /// Never NULL, whatever the arguments (`count`, `now`, `row_number`, `concat`, …).
        case alwaysNotNull
        /// Not NULL when at least one argument is not (`coalesce`, `greatest`, `least`).
        case anyArgument
        /// Not NULL when every argument is not (`lower`, `abs`, `date_trunc`, …).
        case strict
        /// An aggregate: NULL over an empty set, or with FILTER or OVER; see ``OverGroup``.
        case aggregate(OverGroup)
        case unknown
    }

    static func kind(of name: String) -> Kind {
        if alwaysNotNull.contains(name) { return .alwaysNotNull }
        if anyArgument.contains(name) { return .anyArgument }
        if strict.contains(name) { return .strict }
        if let overGroup = aggregates[name] { return .aggregate(overGroup) }
        return .unknown
    }

    /// Whether `name` is an aggregate (count included): one row over the whole input without GROUP BY.
    static func isAggregate(_ name: String) -> Bool {
        name == "count" || aggregates[name] != nil
    }

    /// Whether a query selecting `name` without FROM still returns one row (not a set-returning
    /// function, and not a user function that might be one).
    static func isSingleValued(_ name: String) -> Bool {
        kind(of: name) != .unknown || ["nullif", "exists", "array", "cast", "treat"].contains(name)
    }

    private static let alwaysNotNull: Set<String> = [
        "count", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "now", "clock_timestamp",
        "statement_timestamp", "transaction_timestamp", "timeofday", "random", "pi", "gen_random_uuid",
        "current_database", "version", "pg_backend_pid", "concat", "json_build_object", "jsonb_build_object",
        "json_build_array", "jsonb_build_array", "grouping", "txid_current", "num_nonnulls", "num_nulls",
    ]

    private static let anyArgument: Set<String> = ["coalesce", "greatest", "least"]

    private static let strict: Set<String> = [
        "lower", "upper", "length", "char_length", "character_length", "octet_length", "bit_length", "abs", "round",
        "trunc", "ceil", "ceiling", "floor", "sign", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log", "log10", "mod",
        "div", "md5", "btrim", "ltrim", "rtrim", "trim", "replace", "substr", "substring", "left", "right", "lpad",
        "rpad", "initcap", "reverse", "repeat", "strpos", "position", "split_part", "translate", "ascii", "chr",
        "starts_with", "overlay", "date_trunc", "date_part", "extract", "to_char", "to_date", "to_timestamp",
        "to_number", "age", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
        "encode", "decode", "quote_ident", "quote_literal", "to_json", "to_jsonb", "jsonb_typeof", "json_typeof",
        "cardinality", "array_to_string", "string_to_array", "array_append", "array_prepend", "array_cat",
        "row", "timezone", "isfinite", "sha224", "sha256", "sha384", "sha512",
    ]

    private static let aggregates: [String: OverGroup] = [
        "sum": .followsArguments, "avg": .followsArguments, "max": .followsArguments, "min": .followsArguments,
        "bool_and": .followsArguments, "bool_or": .followsArguments, "every": .followsArguments,
        "bit_and": .followsArguments, "bit_or": .followsArguments, "bit_xor": .followsArguments,
        "any_value": .followsArguments, "string_agg": .followsArguments, "array_agg": .notNull,
        "json_agg": .notNull, "jsonb_agg": .notNull, "json_object_agg": .notNull, "jsonb_object_agg": .notNull,
        "stddev": .unknown, "stddev_samp": .unknown, "stddev_pop": .unknown, "variance": .unknown,
        "var_samp": .unknown, "var_pop": .unknown, "percentile_cont": .unknown, "percentile_disc": .unknown,
        "mode": .unknown, "corr": .unknown, "covar_pop": .unknown, "covar_samp": .unknown, "regr_count": .unknown,
        "xmlagg": .unknown, "range_agg": .unknown, "range_intersect_agg": .unknown,
    ]
}
