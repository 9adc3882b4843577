import Yams

/// Builders for the YAML nodes of model files. Every string goes through ``text(_:)``,
/// which picks a style that reads back as the same string: a literal block for SQL over
/// several lines, quotes for text that would otherwise read as a number, boolean or null.
enum ModelYAML {
    /// Short mappings and lists are written on one line (`{type: text, nullable: true}`)
    /// when their flow form is at most this long.
    static let inlineWidth = 100

    static func text(_ string: String) -> Node {
        if string.unicodeScalars.contains(where: { ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) {
            // Line breaks other than \n would be normalized by a block or plain scalar.
            return Node(string, Tag(.str), .doubleQuoted)
        }
        if string.contains("\n") {
            // The emitter falls back to double quotes where a literal block cannot hold
            // the text exactly (tabs, trailing spaces on a line).
            return Node(string, .implicit, .literal)
        }
        return .scalar(string.represented())
    }

    static func flag(_ value: Bool) -> Node { .scalar(value.represented()) }

    static func number(_ value: Int64) -> Node { .scalar(value.represented()) }

    /// A mapping written as a block.
    static func block(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (text($0.0), $0.1) }, Tag(.map), .block)
    }

    /// A list written as a block.
    static func blockList(_ items: [Node]) -> Node {
        Node(items, Tag(.seq), .block)
    }

    /// A mapping on one line when it is short and holds no multi-line text; else a block.
    static func inline(_ pairs: [(String, Node)]) -> Node {
        let node = Node(pairs.map { (text($0.0), $0.1) }, Tag(.map), .flow)
        return flowLength(node).map { $0 <= inlineWidth } == true ? node : block(pairs)
    }

    /// A list on one line when it is short and holds no multi-line text; else a block.
    static func inlineList(_ items: [Node]) -> Node {
        let node = Node(items, Tag(.seq), .flow)
        return flowLength(node).map { $0 <= inlineWidth } == true ? node : blockList(items)
    }

    /// A list of strings, on one line when short.
    static func inlineList(_ strings: [String]) -> Node { inlineList(strings.map(text)) }

    /// The approximate length of `node` written in flow style; nil when it cannot be
    /// (a block child, or text that is not a plain one-line scalar candidate).
    private static func flowLength(_ node: Node) -> Int? {
        switch node {
        case .scalar(let scalar):
            guard scalar.style != .literal, scalar.style != .doubleQuoted else { return nil }
            return scalar.string.count + (scalar.style == .singleQuoted ? 2 : 0)
        case .mapping(let mapping):
            if mapping.style == .block { return nil }
            var length = 2
            for pair in mapping {
                guard let key = flowLength(pair.key), let value = flowLength(pair.value) else { return nil }
                length += key + value + 4
            }
            return length
        case .sequence(let sequence):
            if sequence.style == .block { return nil }
            var length = 2
            for item in sequence {
                guard let itemLength = flowLength(item) else { return nil }
                length += itemLength + 2
            }
            return length
        case .alias:
            return nil
        }
    }

    /// The YAML text of `node`: no line folding, Unicode kept, keys in the order given.
    static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, width: -1, allowUnicode: true)
    }
}
