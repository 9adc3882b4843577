import StrataMigrate

/// One Strata migration file made from another tool's migration: its name, its text,
/// and where it came from.
public struct AdoptedMigration: Sendable, Hashable {
    /// `<version>_<name>.sql`.
    public var fileName: String
    public var version: MigrationVersion
    /// The name part, in `[a-z0-9_]`.
    public var name: String
    /// The version as the source tool writes it in file names, e.g. `1.1` for Flyway's
    /// `V1_1__add_email.sql` or `2024-01-01-000000` for a Diesel folder.
    public var sourceVersion: String
    /// The version as the source tool records it in its history table, in a canonical
    /// spelling (see ``ToolHistory``): how applied versions are matched to files.
    public var historyKey: String
    /// The source files it was made from, relative to the source folder.
    public var sources: [String]
    /// False when the file carries `-- strata:no-transaction`.
    public var isTransactional: Bool
    /// Whether the file has a `-- strata:down` part.
    public var hasDown: Bool
    /// What the conversion decided that the source did not say in so many words (also
    /// written as comments in the file's header).
    public var notes: [String]
    /// The file's text.
    public var text: String

    /// Creates a migration from its parts; nothing is checked.
    public init(
        fileName: String, version: MigrationVersion, name: String, sourceVersion: String, historyKey: String,
        sources: [String], isTransactional: Bool, hasDown: Bool, notes: [String], text: String
    ) {
        self.fileName = fileName
        self.version = version
        self.name = name
        self.sourceVersion = sourceVersion
        self.historyKey = historyKey
        self.sources = sources
        self.isTransactional = isTransactional
        self.hasDown = hasDown
        self.notes = notes
        self.text = text
    }
}
