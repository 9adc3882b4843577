extension Migration {
    /// What a migration is to a run (DESIGN §10): a versioned migration, applied once and
    /// recorded; or a script around them, from `pre:`, `post:` or the `repeatable:` folder.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// A numbered migration file (or Swift migration): applied once, rolled back by batch.
        case versioned
        /// Runs at the start of every `up`, and before every scratch replay and schema load.
        case pre
        /// Runs after the versioned migrations whenever it is new or its checksum changed,
        /// and is recorded in the history table under ``HistoryTable/repeatableKey(_:)``.
        case repeatable
        /// Runs at the end of every `up`, and after every scratch replay and schema load.
        case post
    }

    /// Whether running it writes a history row (versioned migrations and repeatable scripts).
    var isRecorded: Bool { role == .versioned || role == .repeatable }

    /// The key of this migration's history row: the version, or for a repeatable script
    /// `repeatable:` and its name. Pre and post scripts are not recorded.
    var historyKey: String {
        role == .repeatable ? HistoryTable.repeatableKey(name) : version.text
    }
}
