/// A shell-style pattern for choosing fleet targets (`--only`, `waves[].match`): `*`
/// matches any run of characters (also none), `?` one character, anything else itself.
///
/// A target matches when the pattern matches its name (the schema of a schema target,
/// the database of a database target), its `database/schema` or its whole path
/// `server/database[/schema]` (``FleetTarget/path``).
public struct FleetPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    private let characters: [Character]

    public init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    public var description: String { text }

    /// Whether the whole of `candidate` matches.
    ///
    /// Greedy with one backtracking point (the last `*`), so the cost is at most the
    /// product of the two lengths and usually linear.
    public func matches(_ candidate: String) -> Bool {
        let subject = Array(candidate)
        var position = 0, index = 0
        var star: Int?
        var resume = 0
        while position < subject.count {
            if index < characters.count, characters[index] == "?" || (characters[index] != "*" && characters[index] == subject[position]) {
                index += 1
                position += 1
            } else if index < characters.count, characters[index] == "*" {
                star = index
                resume = position
                index += 1
            } else if let star {
                index = star + 1
                resume += 1
                position = resume
            } else {
                return false
            }
        }
        while index < characters.count, characters[index] == "*" { index += 1 }
        return index == characters.count
    }

    /// Whether the pattern chooses `target` (see the type's description).
    public func matches(_ target: FleetTarget) -> Bool {
        if matches(target.name) || matches(target.path) { return true }
        if let schema = target.schema { return matches(target.database + "/" + schema) }
        return false
    }
}
