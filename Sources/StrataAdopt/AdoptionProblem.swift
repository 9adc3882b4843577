/// Something that keeps a source migration from becoming a correct Strata file: a file
/// the tool itself would refuse, a feature Strata cannot reproduce, two migrations with
/// one version, or SQL that Strata's parser does not accept. The position is in the
/// source folder's file.
public struct AdoptionProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable codes, used in JSON output. Codes of Strata's SQL parser (for example
    /// `not-allowed-in-transaction` or `unterminated-string`) pass through as they are.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }

        /// A file that is not valid UTF-8.
        public static let unreadable = Code(rawValue: "unreadable")
        /// A file the source tool itself refuses (a missing annotation, a malformed name).
        public static let invalidSource = Code(rawValue: "invalid-source")
        /// A feature of the source tool that Strata cannot reproduce (environment
        /// substitution, placeholders, templates).
        public static let unsupportedFeature = Code(rawValue: "unsupported-feature")
        /// Two migrations that would get the same Strata version.
        public static let duplicateVersion = Code(rawValue: "duplicate-version")
        /// Strata would order two migrations differently from the source tool.
        public static let orderChanged = Code(rawValue: "order-changed")
        /// A version that is not digits (after the format's mapping).
        public static let malformedVersion = Code(rawValue: "malformed-version")
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The source file, relative to the source folder.
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(code: Code, message: String, hint: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, the form editors and terminals link.
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
