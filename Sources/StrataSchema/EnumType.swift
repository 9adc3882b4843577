/// An enum type; `labels` are in sort order (`enumsortorder`).
public struct EnumType: Sendable, Hashable, Codable {
    public var name: QualifiedName
    public var labels: [String]
    public var comment: String?

    public init(name: QualifiedName, labels: [String], comment: String? = nil) {
        self.name = name
        self.labels = labels
        self.comment = comment
    }
}
