/// Whether `ALTER COLUMN … TYPE` rewrites the table, as PostgreSQL 15 decides it: no rewrite
/// when the new type is binary-coercible from the old one and any length or precision change
/// only widens (`ATColumnChangeRequiresRewrite`).
enum TypeCoercion {
    /// A type reduced to a canonical base name and its modifiers: `varchar(32)` → (`varchar`,
    /// [32]), `character varying` → (`varchar`, []), `int4` → (`integer`, []).
    struct CanonicalType: Equatable {
        var base: String
        var modifiers: [Int]
        var isArray: Bool
    }

    private static let synonyms: [String: String] = [
        "int": "integer", "int4": "integer", "integer": "integer",
        "int8": "bigint", "bigint": "bigint", "int2": "smallint", "smallint": "smallint",
        "character varying": "varchar", "varchar": "varchar",
        "character": "bpchar", "char": "bpchar", "bpchar": "bpchar",
        "bool": "boolean", "boolean": "boolean",
        "float8": "double precision", "double precision": "double precision", "float4": "real", "real": "real",
        "decimal": "numeric", "numeric": "numeric",
        "timestamptz": "timestamptz", "timestamp with time zone": "timestamptz",
        "timestamp": "timestamp", "timestamp without time zone": "timestamp",
        "timetz": "timetz", "time with time zone": "timetz", "time": "time", "time without time zone": "time",
        "varbit": "varbit", "bit varying": "varbit",
        "text": "text", "citext": "citext", "json": "json", "jsonb": "jsonb", "uuid": "uuid",
    ]

    static func canonical(_ written: String) -> CanonicalType {
        var text = Substring(written)
        var isArray = false
        while text.hasSuffix("[]") {
            isArray = true
            text = text.dropLast(2)
        }
        if text.hasPrefix("pg_catalog.") { text = text.dropFirst("pg_catalog.".count) }
        var modifiers: [Int] = []
        var base = String(text)
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            modifiers = text[text.index(after: open)..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: " ")) }
            base = String(text[..<open]) + String(text[text.index(after: close)...])
            base = base.trimmingCharacters(in: " ")
        }
        return CanonicalType(base: synonyms[base] ?? base, modifiers: modifiers, isArray: isArray)
    }

    /// Whether changing a column from `old` to `new` keeps the table's files (no rewrite), when
    /// no USING expression other than the column itself is given.
    static func keepsFiles(from old: String, to new: String) -> Bool {
        let from = canonical(old)
        let to = canonical(new)
        guard from.isArray == to.isArray else { return false }
        if from == to { return true }
        switch (from.base, to.base) {
        case ("varchar", "varchar"), ("varbit", "varbit"):
            // A longer limit, or none, keeps the values as they are. (Not for bit(n), whose values
            // have exactly n bits: another length goes through its length coercion, or fails.)
            return to.modifiers.isEmpty || (!from.modifiers.isEmpty && to.modifiers[0] >= from.modifiers[0])
        case ("varchar", "text"):
            return true
        case ("text", "varchar"):
            // Without a limit the values are kept; with one, each must be checked (and cut).
            return to.modifiers.isEmpty
        case ("bpchar", "text"), ("bpchar", "varchar"):
            return false
        case ("numeric", "numeric"):
            // Same scale, more precision (or no limit at all).
            if to.modifiers.isEmpty { return true }
            guard from.modifiers.count >= 1, to.modifiers.count >= 1 else { return false }
            let fromScale = from.modifiers.count > 1 ? from.modifiers[1] : 0
            let toScale = to.modifiers.count > 1 ? to.modifiers[1] : 0
            return fromScale == toScale && to.modifiers[0] >= from.modifiers[0]
        case ("timestamp", "timestamp"), ("timestamptz", "timestamptz"), ("time", "time"), ("timetz", "timetz"),
            ("interval", "interval"):
            // Precision changes: more fractional digits (or none given) keep the values.
            return to.modifiers.isEmpty || (!from.modifiers.isEmpty && to.modifiers[0] >= from.modifiers[0])
        case ("cidr", "inet"), ("xml", "text"):
            return true
        default:
            return false
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        Substring(self).trimmingCharacters(in: character)
    }
}
