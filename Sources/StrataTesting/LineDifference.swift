/// The difference between two lists of lines compared as multisets: what only the old list
/// has (`- line`) and what only the new one has (`+ line`), each group sorted. For test
/// messages about two descriptions of a schema.
public struct LineDifference: Sendable, Hashable, CustomStringConvertible {
    /// Lines in the old list beyond their count in the new one.
    public var removed: [String]
    /// Lines in the new list beyond their count in the old one.
    public var added: [String]

    public init(old: [String], new: [String]) {
        var counts: [String: Int] = [:]
        for line in old { counts[line, default: 0] += 1 }
        for line in new { counts[line, default: 0] -= 1 }
        var removed: [String] = []
        var added: [String] = []
        for (line, count) in counts {
            if count > 0 { removed += Array(repeating: line, count: count) }
            if count < 0 { added += Array(repeating: line, count: -count) }
        }
        self.removed = removed.sorted()
        self.added = added.sorted()
    }

    /// Whether the lists hold the same lines.
    public var isEmpty: Bool { removed.isEmpty && added.isEmpty }

    public var description: String {
        (removed.map { "- " + $0 } + added.map { "+ " + $0 }).joined(separator: "\n")
    }
}
