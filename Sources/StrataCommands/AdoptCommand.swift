import ArgumentParser
import Foundation
import StrataAdopt
import StrataMigrate

struct AdoptCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Convert another tool's migration folder into Strata migration files.",
        discussion: """
            FORMAT is goose, dbmate, golang-migrate, sqlx, flyway, diesel or popx. Versions, names, up and down \
            parts and no-transaction markers are kept; each file's header names its source. Every file of DIR is \
            converted or listed with the reason it is not. Nothing is written when a problem is found (exit 4), \
            when a migration cannot be converted (unless --allow-unconverted), or when a different file of the \
            same name exists (exit 2, unless --force). With --history URL the tool's history table in that \
            database is read too, and its applied migrations are recorded as applied in Strata's history there, \
            without running anything.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The tool: goose, dbmate, golang-migrate, sqlx, flyway, diesel or popx.")
    var format: String

    @Argument(help: "The tool's migration folder.")
    var directory: String

    @Flag(help: "Overwrite files in the migrations folder that differ from the converted ones.")
    var force = false

    @Flag(help: "List what would be written (and recorded); change nothing.")
    var dryRun = false

    @Flag(help: "Write the migrations that convert even when some cannot be converted (they are listed).")
    var allowUnconverted = false

    @Option(help: ArgumentHelp(
        "Read the tool's history table in this database (a postgres:// URL or env:NAME) and record its applied migrations in Strata's history there.",
        valueName: "url"
    ))
    var history: String?

    @Option(help: ArgumentHelp("The tool's history table, as name or schema.name (default: the tool's own).", valueName: "table"))
    var historyTable: String?

    func validate() throws {
        guard AdoptFormat(argument: format) != nil else {
            throw ValidationError("unknown format \"\(format)\"; the formats are \(AdoptFormat.knownList)")
        }
        if historyTable != nil && history == nil { throw ValidationError("--history-table needs --history") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        guard let format = AdoptFormat(argument: format) else { throw ValidationError("unknown format \"\(self.format)\"") }
        let sourcePath = directory.hasPrefix("/") ? directory : (context.configuration.directory as NSString).appendingPathComponent(directory)
        let files = try AdoptionPlan.readFolder(sourcePath, shownAs: directory)
        let adoption = MigrationAdopter(format: format).adopt(files)
        let migrationsPath = context.configuration.migrationsPath
        let shownFolder = context.configuration.migrations
        let plan = AdoptionPlan(adoption: adoption, migrationsPath: migrationsPath, displayPath: shownFolder, force: force)
        var report = AdoptReport(
            format: format, source: directory, migrationsFolder: shownFolder, dryRun: dryRun, adoption: adoption, plan: plan
        )
        let renderer = AdoptRenderer(output: context.output)
        report.blockedByUnconverted = !adoption.unconverted.isEmpty && !allowUnconverted
        if let status = report.refusal {
            renderer.render(report)
            throw CommandExit(status: status)
        }
        guard let history else {
            if !dryRun { try plan.write(to: migrationsPath, displayPath: shownFolder) }
            renderer.render(report)
            return
        }
        let target = try historyTarget(history, context: context)
        try await context.withSession(target) { session, target in
            let toolHistory = ToolHistory(format: format, table: historyTable)
            let read = try await ToolHistoryReader(history: toolHistory, table: toolHistory.table)
                .read(on: session)
            let match = try toolHistory.applied(rows: read.rows, migrations: adoption.migrations)
            report.history = AdoptReport.History(table: read.table, target: target.summary, match: match)
            if dryRun {
                renderer.render(report)
                return
            }
            try plan.write(to: migrationsPath, displayPath: shownFolder)
            let migrator = try context.migrator()
            let recorded = try await migrator.baseline(on: session, versions: match.applied)
            report.history?.recorded = recorded.migrations.map(\.version)
            report.history?.batch = recorded.batch
            report.history?.status = try await migrator.status(on: session)
            renderer.render(report)
        }
    }

    /// The database of `--history`: a URL, or `env:NAME` for an environment of strata.yaml.
    private func historyTarget(_ value: String, context: CommandContext) throws -> ResolvedTarget {
        if value.hasPrefix("env:") {
            return try TargetResolver(
                configuration: context.configuration, environmentName: String(value.dropFirst(4)), urlFlag: nil,
                variables: context.environment.variables
            ).resolve()
        }
        return try TargetResolver(
            configuration: context.configuration, environmentName: context.environmentName, urlFlag: value,
            variables: context.environment.variables
        ).resolve()
    }
}
