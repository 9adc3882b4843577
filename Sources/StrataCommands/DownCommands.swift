import ArgumentParser
import StrataMigrate

struct DownCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back the last batch (or --steps N, or everything after --to V).",
        discussion: "Runs each migration's down part, newest first, and removes it from the history in the same transaction."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runFlags: DownRunFlags

    @Flag(help: "Allow this on a protected environment.")
    var force = false

    func run() async throws {
        try await RollbackRunner(global: global, command: "down", force: force).run(try runFlags.options())
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
