import ArgumentParser
import StrataMigrate
import StrataPostgres

struct StatusCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every migration with its state: applied, pending, modified, missing, failed, out-of-order."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Self.run(CommandContext(global))
    }

    /// The command's work, also reached from ``QuickCommandLine``.
    static func run(_ context: CommandContext) async throws {
        let target = try context.resolveTarget()
        // Read the migration files on another thread while connecting and reading the history.
        let loading = Task.detached { try context.migrator() }
        try await context.withSession(target) { session, target in
            PhaseTimeline.mark("connected")
            let rows = try await context.configuration.migratorConfiguration.history.loadAll(on: session)
            PhaseTimeline.mark("history-read")
            let migrator = try await loading.value
            PhaseTimeline.mark("files-read")
            let status = migrator.status(history: rows)
            StatusRenderer(output: context.output).render(status, target: target.summary)
            PhaseTimeline.mark("rendered")
            for problem in migrator.problems + migrator.scripts.problems {
                context.output.warning(problem.description)
            }
        }
    }
}
