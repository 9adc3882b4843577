import ArgumentParser
import StrataMigrate

struct DownCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back the last batch (or --steps N, or everything after --to V).",
        discussion: "Runs each migration's down part, newest first, and removes it from the history in the same transaction."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Roll back this many migrations, newest first.")
    var steps: Int?

    @Option(help: ArgumentHelp("Roll back every migration newer than this version (it stays applied).", valueName: "version"))
    var to: String?

    @Flag(help: "Print the SQL that would run; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("batch (one transaction) or each (one per migration).", valueName: "mode"))
    var transaction: String?

    @Flag(help: "Run the current down part even though the file changed since it was applied.")
    var allowModified = false

    @Flag(help: "Allow this on a protected environment.")
    var force = false

    @Option(help: ArgumentHelp("How long to wait for another run's lock (default 60s).", valueName: "duration"))
    var lockWait: String?

    func validate() throws {
        if to != nil && steps != nil { throw ValidationError("--to and --steps cannot be combined") }
        if let to { _ = try CommandParsing.version(to, what: "--to") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        _ = try CommandParsing.transactionMode(transaction)
        _ = try CommandParsing.duration(lockWait, flag: "--lock-wait")
    }

    func run() async throws {
        var selection = DownOptions.Selection.lastBatch
        if let steps { selection = .steps(steps) }
        if let to { selection = .to(try CommandParsing.version(to, what: "--to")) }
        try await RollbackRunner(global: global, command: "down", force: force).run(
            DownOptions(
                selection: selection, dryRun: dryRun, transactionMode: try CommandParsing.transactionMode(transaction),
                allowModified: allowModified, lockWait: try CommandParsing.duration(lockWait, flag: "--lock-wait")
            )
        )
    }
}

struct ResetCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Roll back every applied migration (needs --force)."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Confirm: roll back everything, losing the data of every table the migrations created.")
    var force = false

    @Flag(help: "Print the SQL that would run; change nothing.")
    var dryRun = false

    func run() async throws {
        guard force || dryRun else {
            throw MigrationError(
                .usage, "`strata reset` rolls back every migration and needs --force",
                hint: "run `strata reset --dry-run` to see what it would do, then `strata reset --force`"
            )
        }
        try await RollbackRunner(global: global, command: "reset", force: force).run(DownOptions(selection: .all, dryRun: dryRun))
    }
}

struct RedoCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo",
        abstract: "Roll back the last batch, then apply the same migrations again."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Allow this on a protected environment.")
    var force = false

    @Flag(help: "Run the current down part even though the file changed since it was applied.")
    var allowModified = false

    func run() async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let target = try context.resolveTarget()
        try context.requireUnprotected(target, command: "redo", force: force)
        try await context.withSession(target) { session, target in
            let output = context.output
            output.progress(TargetLine.describe(target.summary, output: output))
            let renderer = RunRenderer(output: output)
            let reports: (down: MigrationRunReport, up: MigrationRunReport)
            do {
                reports = try await InterruptibleRun.run(session: session, settings: target.settings!, output: output) { flag in
                    try await migrator.redo(
                        on: session, options: UpOptions(allowModified: allowModified), events: renderer.handler,
                        interruption: flag
                    )
                }
            } catch {
                renderer.finishOpenLine()
                throw error
            }
            let status = try await migrator.status(on: session)
            RunReportRenderer(output: output).render([reports.down, reports.up], target: target.summary, status: status)
        }
    }
}

/// What `down` and `reset` share.
struct RollbackRunner {
    let global: GlobalOptions
    let command: String
    let force: Bool

    func run(_ options: DownOptions) async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let target = try context.resolveTarget()
        if !options.dryRun { try context.requireUnprotected(target, command: command, force: force) }
        try await context.withSession(target) { session, target in
            let output = context.output
            let renderer = RunRenderer(output: output)
            if !options.dryRun { output.progress(TargetLine.describe(target.summary, output: output)) }
            let report: MigrationRunReport
            do {
                report = try await InterruptibleRun.run(session: session, settings: target.settings!, output: output) { flag in
                    try await migrator.down(on: session, options: options, events: renderer.handler, interruption: flag)
                }
            } catch {
                renderer.finishOpenLine()
                throw error
            }
            if options.dryRun {
                RunReportRenderer(output: output).renderDryRun(report, target: target.summary)
                return
            }
            let status = try await migrator.status(on: session)
            RunReportRenderer(output: output).render(report, target: target.summary, status: status)
        }
    }
}
