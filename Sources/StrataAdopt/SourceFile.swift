/// One file of another tool's migration folder, as `strata adopt` reads it.
public struct SourceFile: Sendable, Hashable {
    /// The path relative to the folder, with `/` between components, e.g.
    /// `00001_create_users.sql` or `2024-01-01-000000_create_users/up.sql`.
    public var path: String
    /// The file's text; nil when it is not valid UTF-8.
    public var text: String?

    public init(path: String, text: String?) {
        self.path = path
        self.text = text
    }

    /// A file from its bytes: the text when they are valid UTF-8, nil otherwise.
    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, text: String(validating: bytes, as: UTF8.self))
    }

    /// The last path component: the file's own name.
    public var name: String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    /// The path components before the name (empty for a file in the folder itself).
    public var folders: [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Whether the file lies in a subfolder rather than in the folder itself.
    public var isInSubfolder: Bool { path.contains("/") }
}
