import StrataSchema

/// An ``ERModel`` as a Mermaid `erDiagram`: every table with its key columns (primary,
/// foreign and unique key columns), and an edge per foreign key from the referenced table
/// to the referencing one, with crow's-foot cardinalities.
///
/// Only the part of Mermaid's grammar that every version since 9.x reads is written:
/// quoted entity names (`"public.users"`, which may hold the dot), attribute types and
/// names in `[A-Za-z_][A-Za-z0-9_()[]-]*`, keys `PK`, `FK`, `UK`, and relationships
/// `"a" ||--o{ "b" : "label"`. Types are shortened to fit (`varchar(40)`, `timestamptz`,
/// the schema of a user type dropped); the pages list the exact types.
public enum MermaidERDiagram {
    /// The diagram text, starting with `erDiagram`, one statement per line.
    public static func render(_ model: ERModel) -> String {
        var lines = ["erDiagram"]
        var names: [QualifiedName: String] = [:]
        var used: Set<String> = []
        for entity in model.entities {
            var name = entityName(entity.name)
            var number = 1
            while used.contains(name) {
                number += 1
                name = entityName(QualifiedName(entity.name.schema, entity.name.name + "-\(number)"))
            }
            used.insert(name)
            names[entity.name] = name
        }
        for entity in model.entities {
            let name = names[entity.name] ?? entityName(entity.name)
            let keys = entity.attributes.filter(\.isKey)
            if keys.isEmpty {
                lines.append("    \(name)")
                continue
            }
            lines.append("    \(name) {")
            for attribute in keys {
                var roles: [String] = []
                if attribute.isPrimaryKey { roles.append("PK") }
                if attribute.isForeignKey { roles.append("FK") }
                if attribute.isUnique && !attribute.isPrimaryKey { roles.append("UK") }
                lines.append("        \(word(shortType(attribute.type))) \(word(attribute.name))" + (roles.isEmpty ? "" : " " + roles.joined(separator: ", ")))
            }
            lines.append("    }")
        }
        for relationship in model.relationships {
            guard let parent = names[relationship.parent], let child = names[relationship.child] else { continue }
            let left = relationship.parentCardinality == .exactlyOne ? "||" : "|o"
            let right = relationship.childCardinality == .zeroOrOne ? "o|" : "o{"
            let line = relationship.isIdentifying ? "--" : ".."
            lines.append("    \(parent) \(left)\(line)\(right) \(child) : \"\(label(relationship.name))\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The diagram in a fenced `mermaid` block.
    public static func block(_ model: ERModel) -> String {
        "```mermaid\n" + render(model) + "```\n"
    }

    /// `"schema.name"`, with the characters Mermaid does not allow in a quoted name
    /// (`"`, `%`, `\` and control characters) replaced by `_`.
    static func entityName(_ name: QualifiedName) -> String {
        var text = ""
        for scalar in name.description.unicodeScalars {
            let bad = scalar == "\"" || scalar == "%" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
            text.unicodeScalars.append(bad ? "_" : scalar)
        }
        return "\"\(text)\""
    }

    /// A relationship label: no double quotes, no line breaks.
    static func label(_ text: String) -> String {
        String(text.map { $0 == "\"" ? "'" : ($0.isNewline ? " " : $0) })
    }

    /// An attribute word: letters, digits and `_-()[]`, starting with a letter or `_`; a
    /// word Mermaid would read as a key (`PK`, `FK`, `UK`) gets a trailing `_`.
    static func word(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-()[]".unicodeScalars.contains(scalar))
            result.unicodeScalars.append(allowed ? scalar : "_")
        }
        if let first = result.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") || !first.isASCII {
            result = "_" + result
        }
        if result.isEmpty { result = "_" }
        if ["pk", "fk", "uk"].contains(result.lowercased()) { result += "_" }
        return result
    }

    /// PostgreSQL's type spelling shortened for a diagram: the usual short names, a user
    /// type without its schema, and modifiers with a comma (`numeric(10,2)`) left out.
    static func shortType(_ type: String) -> String {
        var text = type
        let replacements = [
            ("character varying", "varchar"), ("timestamp with time zone", "timestamptz"),
            ("timestamp without time zone", "timestamp"), ("time with time zone", "timetz"),
            ("time without time zone", "time"), ("double precision", "float8"), ("bit varying", "varbit"),
            ("character", "char"),
        ]
        for (long, short) in replacements where text.hasPrefix(long) && [nil, "(", "[", " "].contains(text.dropFirst(long.count).first) {
            text = short + text.dropFirst(long.count)
            break
        }
        // `timestamp(3) with time zone` → `timestamptz(3)`.
        for (prefix, suffix, short) in [("timestamp(", ") with time zone", "timestamptz("), ("timestamp(", ") without time zone", "timestamp("),
                                        ("time(", ") with time zone", "timetz("), ("time(", ") without time zone", "time(")]
        where text.hasPrefix(prefix) && text.contains(suffix) {
            text = text.replacingOccurrences(of: suffix, with: ")").replacingOccurrences(of: prefix, with: short)
            break
        }
        if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")"), text[open...close].contains(",") {
            text.removeSubrange(open...close)
        }
        // `public.status[]` → `status[]`; `audit."Weird"` → `Weird`.
        if let dot = lastDotOutsideQuotes(text) { text = String(text[text.index(after: dot)...]) }
        return text.replacingOccurrences(of: "\"", with: "")
    }

    private static func lastDotOutsideQuotes(_ text: String) -> String.Index? {
        var inQuotes = false
        var last: String.Index?
        for index in text.indices {
            if text[index] == "\"" { inQuotes.toggle() }
            if text[index] == "(" && !inQuotes { break }
            if text[index] == "." && !inQuotes { last = index }
        }
        return last
    }
}
