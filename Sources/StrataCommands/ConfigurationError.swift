/// A problem with `strata.yaml`, a flag or an environment variable (exit 2).
///
/// Names the file, line and column, or the setting, at fault.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(_ message: String, hint: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            location += ": "
        }
        return location + message
    }
}
