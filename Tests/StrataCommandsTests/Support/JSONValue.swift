import Foundation

/// A parsed JSON document, for checking the shape of `--format json` output without
/// mirroring the product's types: `document["error"]["failure"]["line"].int`.
/// Subscripts on the wrong kind of value give `.missing`, so a chain never traps.
enum JSONValue: Sendable, Equatable, Decodable, CustomStringConvertible {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// What a subscript returns for a key or index that is not there.
    case missing

    /// Parses `text` as exactly one JSON document; nil when it is not.
    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue {
        if case .object(let dictionary) = self { return dictionary[key] ?? .missing }
        return .missing
    }

    subscript(index: Int) -> JSONValue {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return .missing
    }

    var string: String? { if case .string(let value) = self { return value }; return nil }
    var int: Int? { if case .number(let value) = self, value == value.rounded() { return Int(value) }; return nil }
    var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    var array: [JSONValue]? { if case .array(let value) = self { return value }; return nil }
    var object: [String: JSONValue]? { if case .object(let value) = self { return value }; return nil }
    var keys: Set<String> { Set(object?.keys.map { $0 } ?? []) }
    var isNull: Bool { self == .null }
    var isMissing: Bool { self == .missing }

    var description: String {
        switch self {
        case .object(let dictionary):
            return "{" + dictionary.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
        case .array(let array): return "[" + array.map(\.description).joined(separator: ", ") + "]"
        case .string(let value): return "\"\(value)\""
        case .number(let value): return value == value.rounded() ? String(Int(value)) : String(value)
        case .bool(let value): return String(value)
        case .null: return "null"
        case .missing: return "(missing)"
        }
    }
}
