/// A schema (`CREATE SCHEMA`), called namespace here to keep ``Schema`` for the whole model.
public struct Namespace: Sendable, Hashable, Codable {
    public var name: String
    public var comment: String?

    public init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }
}
