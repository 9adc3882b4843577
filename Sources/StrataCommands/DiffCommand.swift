import ArgumentParser
import StrataDiff
import StrataGenerate
import StrataSchema
import StrataPostgres

struct DiffCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the plan between two schemas, as SQL (default), a summary (text), Markdown or JSON.",
        discussion: """
            A source is env:NAME, a postgres:// URL, schema (the desired schema), migrations (the \
            migrations replayed into a scratch database), or a path to a .sql file or folder. Without \
            --from, the current environment's database; without --to, the desired schema. Exits 0 when \
            there is nothing to do and 2 when there are differences, like diff(1). Objects of kinds Strata \
            does not compare are listed; one that exists on one side only counts as a difference.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The schema to start from (default: the environment's database).", valueName: "source"))
    var from: String?

    @Option(help: ArgumentHelp("The schema to arrive at (default: schema).", valueName: "source"))
    var to: String?

    @Option(help: ArgumentHelp("A rename instead of a drop and an add: users.mail=email or old_table=new_table.", valueName: "old=new"))
    var rename: [String] = []

    @Flag(help: "Build and drop indexes on existing tables CONCURRENTLY.")
    var concurrently = false

    func run() async throws {
        let context = try CommandContext(global, defaultFormat: .sql, allowsSQL: true, allowsMarkdown: true)
        try await context.droppingScratchOnSignal {
            let fromSource = try await context.schemaSource(from ?? "env:\(context.environmentName)")
            let toSource = try await context.schemaSource(to ?? "schema")
            let reader = try await context.schemaReader(for: [fromSource, toSource])
            async let targetSchema = CommandContext.read(toSource, reader)
            var timings = PhaseTimings()
            let source = try await reader.read(fromSource, timings: &timings)
            let target = try await targetSchema
            PhaseTimeline.mark("schemas-read")
            let renames = try rename.map { try RenameRequest($0).resolve(in: source) }
            let plan = try SchemaDiffer.plan(from: source, to: target, options: DiffOptions(renames: renames, concurrentIndexes: concurrently))
            PhaseTimeline.mark("planned")
            PlanRenderer(output: context.output, comparison: context.configuration.comparison).render(plan, from: fromSource.label, to: toSource.label, before: source)
            PhaseTimeline.mark("rendered")
            if plan.hasDifferences { throw CommandExit(status: 2) }
        }
    }
}
