/// A point in a text from which `standard_conforming_strings` has a new value, because a
/// statement before it set or reset the setting (see ``Lexer``).
public struct StringSyntaxChange: Sendable, Hashable, Codable {
    /// The UTF-8 byte offset just past the statement's `;` (or the end of the text).
    public var offset: Int
    /// The value from `offset` on.
    public var standardConformingStrings: Bool

    /// Creates a change; nothing is checked.
    public init(offset: Int, standardConformingStrings: Bool) {
        self.offset = offset
        self.standardConformingStrings = standardConformingStrings
    }
}
