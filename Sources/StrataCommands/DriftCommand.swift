import ArgumentParser
import StrataDiff
import StrataGenerate
import StrataMigrate
import StrataPostgres
import StrataSchema

struct DriftCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare the database with what its applied migrations build, and its history with the files.",
        discussion: """
            Replays the migrations the target's history records as applied on a scratch database, \
            compares the target's schema with it, and checks the history against the files (modified, \
            missing and failed migrations). Pending migrations are listed, not counted as drift. With \
            --against env:NAME (or a URL), compares the target's schema with that database's instead (for \
            example dev with test). Exits 0 in sync, 4 when drift is found. --format text, json or markdown; \
            every differing object is named with the SQL that would reconcile the target.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Compare with this database (env:NAME or a URL) instead of the migrations.", valueName: "source"))
    var against: String?

    func run() async throws {
        let context = try CommandContext(global, allowsMarkdown: true)
        try await context.droppingScratchOnSignal {
            let target = try context.resolveTarget()
            let migrator = try context.migrator()
            // The target's history and its connection settings (the local cluster started if need be).
            let (settings, summary, status) = try await context.withSession(target) { session, target in
                (target.settings, target.summary, against == nil ? try await migrator.status(on: session) : nil)
            }
            guard let settings else { throw ConfigurationError("no database to compare") }
            let actual = SchemaSource.database(settings, label: "env:\(summary.environment)")
            let expected: SchemaSource
            if let against {
                expected = try await context.schemaSource(against)
            } else {
                let applied = Set((status?.entries ?? []).filter { $0.state == .applied || $0.state == .modified }.map(\.version))
                let replayed = Migrator(
                    migrations: migrator.migrations.filter { applied.contains($0.version) }, configuration: migrator.configuration,
                    scripts: migrator.scripts
                )
                expected = .migrations(replayed, label: "the migrations applied there")
            }
            let reader = try await context.schemaReader(for: [actual, expected])
            async let expectedSchema = CommandContext.read(expected, reader)
            let actualSchema = try await CommandContext.read(actual, reader)
            let plan = try SchemaDiffer.plan(from: actualSchema, to: try await expectedSchema)
            let report = DriftReport(
                target: summary, against: expected.label, plan: plan,
                history: (status?.entries ?? []).filter { [.modified, .missing, .failed].contains($0.state) },
                pending: (status?.entries ?? []).filter { $0.state == .pending || $0.state == .outOfOrder }
            )
            DriftRenderer(output: context.output, comparison: context.configuration.comparison).render(report)
            if report.hasDrift { throw CommandExit(status: ExitStatus.validation) }
        }
    }
}

/// What `strata drift` found.
struct DriftReport {
    var target: TargetSummary
    /// What the target was compared with: the migrations applied there, or another database.
    var against: String
    /// From the target to what it should be: the SQL that would reconcile it.
    var plan: Plan
    /// History rows whose file changed, is gone, or failed midway.
    var history: [MigrationStatusEntry]
    /// Migrations not applied yet (not drift).
    var pending: [MigrationStatusEntry]

    var hasDrift: Bool { plan.hasDifferences || !history.isEmpty }
}
