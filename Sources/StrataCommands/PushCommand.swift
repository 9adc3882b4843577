import ArgumentParser
import StrataDiff
import StrataGenerate
import StrataMigrate

struct PushCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Make a non-protected database match the desired schema directly (no migration file).",
        discussion: """
            For fast local iteration. Lists the changes and their hazards and asks before applying them \
            in one transaction (--yes when not on a terminal). Refused on protected environments.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.customShort("y"), .long], help: "Apply without asking.")
    var yes = false

    @Flag(help: "Allow a protected environment.")
    var force = false

    @Option(help: ArgumentHelp("A rename instead of a drop and an add: users.mail=email or old_table=new_table.", valueName: "old=new"))
    var rename: [String] = []

    @Flag(help: "Push what is compared even when the desired schema holds objects Strata does not compare (they are listed).")
    var allowUnsupported = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try context.resolveTarget()
        if target.isProtected && !force {
            throw MigrationError(
                .protected, "environment \(target.environment) is protected; `strata push` bypasses migrations and is refused there",
                hint: "write a migration with `strata generate`, or pass --force if you really mean it"
            )
        }
        let desired = try context.desiredSchemaFiles()
        try await context.droppingScratchOnSignal {
            let settings = try await context.withSession(target) { _, target in target }
            guard let connection = settings.settings else { throw ConfigurationError("no database to push to") }
            let pusher = SchemaPusher(reader: SchemaReader(
                scratch: try await context.scratchServer(), historySchema: context.configuration.historySchema,
                comparison: context.configuration.comparison
            ))
            let plan = try await pusher.plan(
                target: connection, desired: desired, renames: try rename.map(RenameRequest.init), allowUnsupported: allowUnsupported
            )
            let output = context.output
            let shown = settings.summary.url ?? settings.environment
            if plan.isEmpty {
                if output.format == .json {
                    PlanRenderer(output: output, comparison: context.configuration.comparison).render(plan, from: shown, to: "schema")
                } else {
                    let renderer = PlanRenderer(output: output, comparison: context.configuration.comparison)
                    output.result((plan.notCompared.isEmpty
                        ? "Nothing to push: \(shown) already matches the desired schema."
                        : "Nothing to push among the compared objects of \(shown).")
                        + renderer.notes(plan).map { "\n" + $0 }.joined())
                }
                return
            }
            if output.format == .text {
                output.progress(PlanRenderer(output: output, comparison: context.configuration.comparison).summary(plan, from: shown, to: "schema"))
            }
            if !yes {
                guard context.environment.inputIsTerminal else {
                    throw MigrationError(.usage, "`strata push` asks before changing the database; pass --yes when not on a terminal")
                }
                guard context.confirm("Apply \(plan.statements.count) change(s) to \(shown)?") else {
                    output.result("Nothing was changed.")
                    return
                }
            }
            let left = try await pusher.apply(plan, target: connection, desired: desired)
            if output.format == .json {
                PlanRenderer(output: output, comparison: context.configuration.comparison).render(plan, from: shown, to: "schema")
            } else {
                output.result(left.isEmpty
                    ? "Pushed \(plan.statements.count) change(s): \(shown) matches the desired schema."
                    : "Pushed \(plan.statements.count) change(s), but \(left.statements.count) remain; run `strata diff` to see them.")
            }
        }
    }
}
