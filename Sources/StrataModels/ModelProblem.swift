/// A place in a model file: its path as messages show it, and the 1-based line and
/// column of a YAML node.
public struct ModelLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One thing wrong with the model layers, at the node that causes it.
public struct ModelProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var location: ModelLocation
    public var message: String
    public var hint: String?
    /// The other declaration, for a conflict between two of them.
    public var related: ModelLocation?

    public init(_ location: ModelLocation, _ message: String, hint: String? = nil, related: ModelLocation? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
        self.related = related
    }

    public var description: String {
        var text = "\(location): \(message)"
        if let related { text += " (first declared at \(related))" }
        return text
    }
}

/// The models cannot be compiled: every problem found, in file order.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var problems: [ModelProblem]

    public init(_ problems: [ModelProblem]) {
        self.problems = problems
    }

    public init(_ location: ModelLocation, _ message: String, hint: String? = nil, related: ModelLocation? = nil) {
        self.problems = [ModelProblem(location, message, hint: hint, related: related)]
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
