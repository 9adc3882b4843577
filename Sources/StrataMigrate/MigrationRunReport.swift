/// What a run did: which migrations it applied or reverted, in which batch.
public struct MigrationRunReport: Sendable, Hashable, Codable {
    /// The outcome for one migration.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Applied and committed.
        case applied
        /// Reverted and committed.
        case reverted
        /// Ran, then was rolled back because a later migration in its transaction failed.
        case rolledBack = "rolled-back"
        /// The migration that failed.
        case failed
        /// Recorded in the history without running (`baseline`, `mark`).
        case recorded
        /// Removed from the history without running (`mark --pending`).
        case unrecorded
        /// Would run (`--dry-run`).
        case planned
    }

    public struct Entry: Sendable, Hashable, Codable {
        /// The version; for a script (``kind`` other than `versioned`) a placeholder that
        /// JSON writes as null.
        public var version: MigrationVersion
        /// The name; for a script, its path inside its folder or as configured.
        public var name: String
        /// A versioned migration, or a pre, repeatable or post script.
        public var kind: Migration.Role
        public var outcome: Outcome
        public var durationMs: Int?
        /// The statements a dry run would execute.
        public var statements: [String]?
        public var file: String?
        /// Whether the migration runs inside a transaction (set for planned entries).
        public var isTransactional: Bool?

        public init(
            version: MigrationVersion, name: String, outcome: Outcome, durationMs: Int?,
            statements: [String]? = nil, file: String?, isTransactional: Bool? = nil, kind: Migration.Role = .versioned
        ) {
            self.version = version
            self.name = name
            self.kind = kind
            self.outcome = outcome
            self.durationMs = durationMs
            self.statements = statements
            self.file = file
            self.isTransactional = isTransactional
        }

        /// How lists of what ran name it: the version, or a script's file.
        public var label: String { kind == .versioned ? version.text : (file ?? name) }

        enum CodingKeys: String, CodingKey {
            case version, name, kind, outcome, durationMs = "duration_ms", statements, file, isTransactional = "transactional"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = try container.decodeIfPresent(Migration.Role.self, forKey: .kind) ?? .versioned
            version = try container.decodeIfPresent(MigrationVersion.self, forKey: .version) ?? MigrationVersion("0")!
            name = try container.decode(String.self, forKey: .name)
            outcome = try container.decode(Outcome.self, forKey: .outcome)
            durationMs = try container.decodeIfPresent(Int.self, forKey: .durationMs)
            statements = try container.decodeIfPresent([String].self, forKey: .statements)
            file = try container.decodeIfPresent(String.self, forKey: .file)
            isTransactional = try container.decodeIfPresent(Bool.self, forKey: .isTransactional)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if kind == .versioned {
                try container.encode(version, forKey: .version)
            } else {
                try container.encodeNil(forKey: .version)
            }
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(outcome, forKey: .outcome)
            try container.encodeIfPresent(durationMs, forKey: .durationMs)
            try container.encodeIfPresent(statements, forKey: .statements)
            try container.encodeIfPresent(file, forKey: .file)
            try container.encodeIfPresent(isTransactional, forKey: .isTransactional)
        }
    }

    public var direction: MigrationDirection
    /// The batch number written to the history (for `up`), or reverted (for `down`).
    public var batch: Int?
    public var dryRun: Bool
    public var transactionMode: MigratorConfiguration.TransactionMode
    public var migrations: [Entry]
    public var durationMs: Int

    /// Versioned migrations whose outcome is applied, reverted or recorded.
    public var completedCount: Int {
        migrations.filter { $0.kind == .versioned && [.applied, .reverted, .recorded, .unrecorded].contains($0.outcome) }.count
    }

    /// Scripts (pre, repeatable, post) that ran and stay.
    public var completedScriptCount: Int {
        migrations.filter { $0.kind != .versioned && $0.outcome == .applied }.count
    }

    enum CodingKeys: String, CodingKey {
        case direction, batch, dryRun = "dry_run", transactionMode = "transaction_mode", migrations
        case durationMs = "duration_ms"
    }
}
