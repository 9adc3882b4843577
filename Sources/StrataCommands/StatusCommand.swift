import ArgumentParser
import StrataMigrate

struct StatusCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every migration with its state: applied, pending, modified, missing, failed, out-of-order."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try CommandContext(global)
        let target = try context.resolveTarget()
        // Read the migration files on another thread while connecting and reading the history.
        let loading = Task.detached { try context.migrator() }
        try await context.withSession(target) { session, target in
            let applied = try await context.configuration.migratorConfiguration.history.load(on: session)
            let migrator = try await loading.value
            let status = migrator.status(applied: applied)
            StatusRenderer(output: context.output).render(status, target: target.summary)
            for problem in migrator.problems {
                context.output.warning(problem.description)
            }
        }
    }
}
