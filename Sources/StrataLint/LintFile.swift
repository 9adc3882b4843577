/// A migration file given to the linter.
public struct LintFile: Sendable, Hashable {
    /// How findings name the file (relative to the project for migrations).
    public var name: String
    public var text: String
    /// Whether findings are reported for it; files that are not reported still build the
    /// schema that later files are checked against (an applied migration before `--pending`
    /// files, for example).
    public var isReported: Bool

    public init(name: String, text: String, isReported: Bool = true) {
        self.name = name
        self.text = text
        self.isReported = isReported
    }
}
