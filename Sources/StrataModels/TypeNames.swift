/// Recognises type spellings: PostgreSQL's built-in types (with their SQL-standard
/// aliases), the enums and domains of the models, and types of known extensions.
struct TypeNames {
    /// Built-in types by their normalized spelling: lower case, modifiers and array
    /// brackets removed, single spaces.
    static let builtIn: Set<String> = [
        "bigint", "int8", "bigserial", "serial8", "bit", "bit varying", "varbit", "boolean", "bool", "box", "bytea",
        "character", "char", "character varying", "varchar", "cidr", "circle", "date", "double precision", "float8",
        "float", "inet", "integer", "int", "int4", "interval", "json", "jsonb", "jsonpath", "line", "lseg", "macaddr",
        "macaddr8", "money", "numeric", "decimal", "path", "pg_lsn", "pg_snapshot", "point", "polygon", "real", "float4",
        "smallint", "int2", "smallserial", "serial2", "serial", "serial4", "text", "time", "time without time zone",
        "time with time zone", "timetz", "timestamp", "timestamp without time zone", "timestamp with time zone",
        "timestamptz", "tsquery", "tsvector", "txid_snapshot", "uuid", "xml", "name", "oid", "regclass", "regproc",
        "regprocedure", "regtype", "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator", "regrole",
        "regcollation", "xid", "xid8", "cid", "tid", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
        "daterange", "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange",
        "datemultirange", "\"char\"", "record", "void", "trigger", "anyelement", "anyarray",
    ]

    /// Types that well-known extensions provide.
    static let extensionTypes: [String: [String]] = [
        "citext": ["citext"], "hstore": ["hstore"], "ltree": ["ltree", "lquery", "ltxtquery"], "cube": ["cube"],
        "isn": ["ean13", "isbn", "ismn", "issn", "upc", "isbn13", "ismn13", "issn13"], "seg": ["seg"],
        "postgis": ["geometry", "geography", "box2d", "box3d"], "vector": ["vector", "halfvec", "sparsevec"],
        "pg_trgm": [], "pgcrypto": [], "uuid-ossp": [], "btree_gist": [], "btree_gin": [], "unaccent": [],
        "fuzzystrmatch": [], "tablefunc": [], "pg_stat_statements": [], "intarray": ["query_int"],
    ]

    var known: Set<String>
    /// An extension this catalogue does not know was declared: its types cannot be checked.
    var acceptsUnknown: Bool

    init(model: ModelSet) {
        known = Self.builtIn
        acceptsUnknown = false
        for item in model.enums { known.insert(Self.key(item.name.schema, item.name.name)) }
        for item in model.domains { known.insert(Self.key(item.name.schema, item.name.name)) }
        // A table's row type is a type too.
        for item in model.tables { known.insert(Self.key(item.name.schema, item.name.name)) }
        for item in model.extensions {
            if let types = Self.extensionTypes[item.name] {
                for type in types {
                    known.insert(type)
                    known.insert("public." + type)
                    if let schema = item.schema { known.insert(schema + "." + type) }
                }
            } else {
                acceptsUnknown = true
            }
        }
    }

    private static func key(_ schema: String, _ name: String) -> String {
        schema == "public" ? name : schema + "." + name
    }

    func isKnown(_ spelling: String) -> Bool {
        if acceptsUnknown { return true }
        let normalized = Self.normalize(spelling)
        if known.contains(normalized) { return true }
        if normalized.hasPrefix("public.") && known.contains(String(normalized.dropFirst(7))) { return true }
        if normalized.hasPrefix("pg_catalog.") && Self.builtIn.contains(String(normalized.dropFirst(11))) { return true }
        // interval with fields: `interval day to second`
        if normalized.hasPrefix("interval ") { return true }
        return false
    }

    /// Lower case outside quotes, `(…)` and `[…]` removed, spaces collapsed, quotes
    /// removed from quoted names.
    static func normalize(_ spelling: String) -> String {
        var result = ""
        var depth = 0
        var quoted = false
        for character in spelling {
            if character == "\"" {
                quoted.toggle()
                continue
            }
            if quoted {
                result.append(character)
                continue
            }
            switch character {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default:
                guard depth == 0 else { continue }
                if character.isWhitespace {
                    if !result.isEmpty && result.last != " " { result.append(" ") }
                } else {
                    result += character.lowercased()
                }
            }
        }
        while result.last == " " { result.removeLast() }
        return result.replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: ". ", with: ".")
    }
}
