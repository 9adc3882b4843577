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
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value, its nested lines indented two spaces a level below `depth`.
    func write(to out: inout [UInt8], depth: Int) {
        switch self {
        case .string(let value): Self.quote(value, into: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let elements):
            out.append(contentsOf: "[\n".utf8)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                Self.indent(depth + 1, into: &out)
                element.write(to: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "\n"))
            Self.indent(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(contentsOf: "{\n".utf8)
            // Keys sorted as JSONEncoder's .sortedKeys does; members built in that order
            // (the status entries) are not sorted again.
            let precedes: ((String, JSONNode), (String, JSONNode)) -> Bool = { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            let inOrder = zip(members, members.dropFirst()).allSatisfy { precedes($0, $1) }
            for (index, member) in (inOrder ? members : members.sorted(by: precedes)).enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                Self.indent(depth + 1, into: &out)
                Self.quote(member.0, into: &out)
                out.append(contentsOf: " : ".utf8)
                member.1.write(to: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "\n"))
            Self.indent(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A JSON string literal as `JSONEncoder` writes one: `"` and `\` escaped, control
    /// characters as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx`, everything else as is.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Nearly every text needs no escape at all.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
