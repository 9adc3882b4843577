import Yams

/// A YAML node with the file it came from, for reading model files with a position on
/// every error.
struct YAMLNode {
    let node: Node
    let file: String
    /// Where the key naming this value is, for a value read from a mapping.
    var key: ModelLocation? = nil

    /// The key's position when there is one (errors about a whole declaration point at
    /// its name), else the node's.
    var keyLocation: ModelLocation { key ?? location }

    var location: ModelLocation {
        let mark = node.mark
        return ModelLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// A scalar's text, or nil for a mapping or sequence.
    var scalar: String? { node.scalar?.string }

    /// The scalar is the YAML null (`~`, `null` or empty).
    var isNull: Bool {
        guard let scalar = node.scalar else { return false }
        return (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
    }

    var isMapping: Bool { node.mapping != nil }
    var isSequence: Bool { node.sequence != nil }

    /// A mapping's entries in order; keys must be scalars.
    func entries() throws(ModelError) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            throw ModelError(location, "expected a mapping (key: value), found \(kind)")
        }
        var seen: [String: ModelLocation] = [:]
        var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            guard let text = key.scalar?.string else {
                throw ModelError(keyNode.location, "a key must be a plain name, found \(keyNode.kind)")
            }
            if let first = seen[text] {
                throw ModelError(keyNode.location, "\"\(text)\" appears twice in this mapping", related: first)
            }
            seen[text] = keyNode.location
            result.append((text, keyNode, YAMLNode(node: value, file: file, key: keyNode.location)))
        }
        return result
    }

    /// A sequence's items.
    func items() throws(ModelError) -> [YAMLNode] {
        guard let sequence = node.sequence else {
            throw ModelError(location, "expected a list, found \(kind)")
        }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    /// The scalar's text; an error for a mapping or sequence.
    func string(_ what: String) throws(ModelError) -> String {
        guard let text = scalar, !isNull || what.isEmpty else {
            throw ModelError(location, "\(what) must be a single value, found \(kind)")
        }
        return text
    }

    /// A scalar or a list of scalars, as a list.
    func strings(_ what: String) throws(ModelError) -> [String] {
        if let text = scalar { return [text] }
        var result: [String] = []
        for item in try items() { result.append(try item.string(what)) }
        return result
    }

    func bool(_ what: String) throws(ModelError) -> Bool {
        switch scalar?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ModelError(location, "\(what) must be true or false, found \(describe)")
        }
    }

    func integer(_ what: String) throws(ModelError) -> Int64 {
        guard let text = scalar, let value = Int64(text.replacingOccurrences(of: "_", with: "")) else {
            throw ModelError(location, "\(what) must be an integer, found \(describe)")
        }
        return value
    }

    var kind: String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: isNull ? "nothing" : "\"\(scalar ?? "")\""
        case .alias: "an alias"
        }
    }

    var describe: String { kind }
}

extension YAMLNode {
    /// Reads a mapping's keys, rejecting keys not in `allowed` with a hint listing them.
    func fields(_ allowed: [String], of what: String) throws(ModelError) -> [String: YAMLNode] {
        var result: [String: YAMLNode] = [:]
        for (key, keyNode, value) in try entries() {
            guard allowed.contains(key) else {
                let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
                let hint = suggestion.map { editDistance($0, key) <= 2 ? "did you mean \"\($0)\"? " : "" } ?? ""
                throw ModelError(keyNode.location, "unknown key \"\(key)\" in \(what)", hint: hint + "allowed: " + allowed.joined(separator: ", "))
            }
            result[key] = value
        }
        return result
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Why and where Yams could not read a text, for an error message that names the line
/// and column (model files and `strata.yaml` alike).
public struct YAMLReadFailure: Sendable {
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            line = mark.line
            column = mark.column
        case .duplicatedKeysInMapping(let duplicates, let context):
            message = "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))"
            line = context.mark.line
            column = context.mark.column
        default:
            message = "invalid YAML: \(error)"
        }
    }
}
