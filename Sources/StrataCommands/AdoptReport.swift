import StrataAdopt
import StrataMigrate

/// What `strata adopt` did or would do: the document `--format json` prints, and what
/// the text output shows.
struct AdoptReport: Encodable {
    struct Entry: Encodable {
        var file: String
        var version: MigrationVersion
        var name: String
        var sourceVersion: String
        var sources: [String]
        var transactional: Bool
        var down: Bool
        var notes: [String]
        var action: AdoptionPlan.Action

        enum CodingKeys: String, CodingKey {
            case file, version, name, sourceVersion = "source_version", sources, transactional, down, notes, action
        }
    }

    /// What `--history` found and recorded.
    struct History: Encodable {
        var table: String
        var target: TargetSummary
        var rows: Int
        /// The versions the tool applied that have a converted file.
        var applied: [MigrationVersion]
        var withoutFile: [String]
        /// Recorded now (the applied ones not in Strata's history yet); nil in a dry run.
        var recorded: [MigrationVersion]?
        var batch: Int?
        /// Strata's status afterwards (text output only; JSON carries the counts).
        var status: MigrationStatus?

        init(table: String, target: TargetSummary, match: ToolHistory.Match) {
            self.table = table
            self.target = target
            rows = match.rows
            applied = match.applied
            withoutFile = match.withoutFile
        }

        enum CodingKeys: String, CodingKey {
            case table, target, rows, applied, withoutFile = "without_file", recorded, batch, summary
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(table, forKey: .table)
            try container.encode(target, forKey: .target)
            try container.encode(rows, forKey: .rows)
            try container.encode(applied, forKey: .applied)
            try container.encode(withoutFile, forKey: .withoutFile)
            try container.encode(recorded, forKey: .recorded)
            try container.encode(batch, forKey: .batch)
            try container.encode(status.map(StatusRenderer.summaryCounts), forKey: .summary)
        }
    }

    var format: AdoptFormat
    var source: String
    var migrationsFolder: String
    var dryRun: Bool
    var migrations: [Entry]
    var skipped: [SkippedFile]
    var notConverted: [SkippedFile]
    var problems: [AdoptionProblem]
    /// Unconverted migrations stop the adoption (no `--allow-unconverted`).
    var blockedByUnconverted = false
    var history: History?

    init(format: AdoptFormat, source: String, migrationsFolder: String, dryRun: Bool, adoption: Adoption, plan: AdoptionPlan) {
        self.format = format
        self.source = source
        self.migrationsFolder = migrationsFolder
        self.dryRun = dryRun
        migrations = plan.entries.map { entry in
            let migration = entry.migration
            return Entry(
                file: migrationsFolder + "/" + migration.fileName, version: migration.version, name: migration.name,
                sourceVersion: migration.sourceVersion, sources: migration.sources, transactional: migration.isTransactional,
                down: migration.hasDown, notes: migration.notes, action: entry.action
            )
        }
        skipped = adoption.skipped
        notConverted = adoption.unconverted
        problems = adoption.problems + plan.problems
    }

    /// The exit status that refuses to write, or nil when the files may be written:
    /// problems and unconverted migrations (4) come before files that differ (2).
    var refusal: Int32? {
        if !problems.isEmpty || blockedByUnconverted { return ExitStatus.validation }
        if migrations.contains(where: { $0.action == .conflict }) { return ExitStatus.usage }
        return nil
    }

    func count(_ action: AdoptionPlan.Action) -> Int {
        migrations.filter { $0.action == action }.count
    }

    enum CodingKeys: String, CodingKey {
        case format, source, migrationsFolder = "migrations_folder", dryRun = "dry_run", written, migrations, skipped
        case notConverted = "not_converted", problems, history
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(source, forKey: .source)
        try container.encode(migrationsFolder, forKey: .migrationsFolder)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(refusal == nil && !dryRun, forKey: .written)
        try container.encode(migrations, forKey: .migrations)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(notConverted, forKey: .notConverted)
        try container.encode(problems, forKey: .problems)
        try container.encode(history, forKey: .history)
    }
}
