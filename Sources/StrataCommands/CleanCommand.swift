import ArgumentParser
import StrataDiff
import StrataGenerate
import StrataPostgres
import StrataSchema

struct CleanCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Drop every object of the target's schemas, the history table included (development only).",
        discussion: """
            Empties the target: every object Strata reads (tables, views, functions, types, schemas \
            other than public, …) is dropped in dependency order, in one transaction, and so is the \
            history table. Refused on a protected environment whatever the flags (exit 2). Asks on a \
            terminal; elsewhere needs --force. Objects of kinds Strata does not compare are named and \
            left in place.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Do not ask (needed when not on a terminal).")
    var force = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try context.resolveTarget()
        if target.isProtected {
            throw ConfigurationError(
                "environment \(target.environment) is protected; `strata clean` never runs there, --force or not",
                hint: "clean is for development databases; drop a protected database's objects by hand if you really mean it"
            )
        }
        try await context.droppingScratchOnSignal {
            let ready = try await context.prepared(target)
            let label = "env:\(ready.environment)" + (ready.summary.url.map { " (\($0))" } ?? "")
            if !force && !context.confirm("Drop every object in \(label), the history included?") {
                throw ConfigurationError(
                    "not cleaning \(label): nothing was dropped",
                    hint: context.environment.inputIsTerminal ? "answer y to clean" : "not on a terminal: add --force to clean without asking"
                )
            }
            let read = try await context.readWithEmptySchema(ready)
            let plan = try SchemaDiffer.plan(from: read.schema, to: read.empty)
            let history = context.configuration.migratorConfiguration.history.qualifiedName
            try await context.withSession(target) { session, _ in
                try await session.execute("BEGIN")
                var current = ""
                do {
                    for statement in plan.statements {
                        current = statement.sql
                        try await session.execute(statement.sql)
                    }
                    current = "DROP TABLE IF EXISTS \(history)"
                    try await session.execute(current)
                    current = "COMMIT"
                    try await session.execute(current)
                } catch let error as DatabaseError {
                    _ = try? await session.execute("ROLLBACK")
                    throw GenerateError(
                        .applyFailed,
                        "cleaning \(label) failed at `\(current.prefix(120))`: \(error.server?.message ?? error.message); rolled back, nothing was dropped",
                        hint: "drop the object that stops it by hand, or run `strata drift` to see what the database holds",
                        server: error.server
                    )
                }
            }
            for entry in plan.notCompared {
                context.output.warning("left in place (a kind Strata does not compare): \(entry.description)")
            }
            if context.output.format == .json {
                context.output.result(JSONNode.object([
                    ("target", .string(label)), ("statements", .int(plan.statements.count + 1)),
                    ("left_in_place", .array(plan.notCompared.map { .string($0.description) })),
                ]).text)
            } else {
                context.output.result("Cleaned \(label): \(plan.statements.count) statement(s) and the history table \(history) dropped.")
            }
        }
    }
}
