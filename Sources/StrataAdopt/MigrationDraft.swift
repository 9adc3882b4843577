import StrataMigrate

/// A migration as a format converter hands it over: its version and name, its up and
/// down lines with their origins, and what it decided on the way. ``MigrationAdopter``
/// turns drafts into ``AdoptedMigration``s (rendering, parsing, checking).
struct MigrationDraft: Sendable {
    /// The Strata version: digits.
    var version: String
    /// The version as the tool writes it in file names.
    var sourceVersion: String
    /// The version as the tool's history table records it, canonical (see ``ToolHistory``).
    var historyKey: String
    /// The name before sanitising; ``name`` is made from it.
    var originalName: String
    /// The source files, relative to the source folder, in the order the header names them.
    var sources: [String]
    /// Comment lines of the source that come before its up part (kept in the header).
    var leadingLines: [ScriptLine] = []
    /// Decisions the source did not state itself; written into the header.
    var notes: [String] = []
    var isTransactional = true
    var up: [ScriptLine] = []
    /// Nil when the source has no down part.
    var down: [ScriptLine]?

    init(version: String, sourceVersion: String, historyKey: String, originalName: String, sources: [String]) {
        self.version = version
        self.sourceVersion = sourceVersion
        self.historyKey = historyKey
        self.originalName = originalName
        self.sources = sources
    }

    /// The name part of the file: lower-cased, with other characters turned into `_`, or
    /// `migration` when nothing is left.
    var name: String {
        let normalized = MigrationDirectory.normalizedName(originalName)
        return normalized.isEmpty ? "migration" : normalized
    }

    /// `<version>_<name>.sql`.
    var fileName: String { "\(version)_\(name).sql" }
}
