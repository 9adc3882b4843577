/// A file of the source folder that `strata adopt` did not turn into a migration, and why.
///
/// Adoption lists two kinds: files that are not migrations of the chosen tool for
/// PostgreSQL (``Adoption/skipped``: another database's dialect, a file the tool itself
/// does not read, a file superseded by a PostgreSQL-specific one), and migrations that
/// Strata cannot express (``Adoption/unconverted``: Go or Java code, repeatable scripts).
public struct SkippedFile: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file, relative to the source folder.
    public var file: String
    /// Why it was not converted, in one sentence.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `file: reason`.
    public var description: String { "\(file): \(reason)" }
}
