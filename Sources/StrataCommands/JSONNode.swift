/// A JSON document built by hand and written in exactly the layout of ``JSON/encode(_:)``
/// (two-space indent, `"key" : value`, keys sorted, slashes unescaped), for documents
/// large enough that `JSONEncoder` would cost more than the command's own work (the
/// status of thousands of migrations, thousands of lint findings).
indirect enum JSONNode {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONNode])
    /// Members in any order; they are written sorted by key.
    case object([(String, JSONNode)])

    /// An optional string, `null` when absent.
    static func string(_ value: String?) -> JSONNode { value.map { .string($0) } ?? .null }

    /// An optional integer, `null` when absent.
    static func int(_ value: Int?) -> JSONNode { value.map { .int($0) } ?? .null }

    /// The document's text.
    var text: String {
        var out = ""
        write(to: &out, indent: "")
        return out
    }

    func write(to out: inout String, indent: String) {
        switch self {
        case .string(let value): Self.quote(value, into: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            let inner = indent + "  "
            out += "[\n"
            for (index, element) in elements.enumerated() {
                if index > 0 { out += ",\n" }
                out += inner
                element.write(to: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .object(let members):
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }).enumerated() {
                if index > 0 { out += ",\n" }
                out += inner
                Self.quote(member.0, into: &out)
                out += " : "
                member.1.write(to: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        }
    }

    /// A JSON string literal as `JSONEncoder` writes one: `"` and `\` escaped, control
    /// characters as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx`, everything else as is.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Nearly every text needs no escape at all.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
