import ArgumentParser
import Foundation
import StrataDiff
import StrataGenerate
import StrataPostgres
import StrataSchema

struct DumpCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write the target's schema as SQL that psql loads into an empty database.",
        discussion: """
            Deterministic and ordered by dependency: the statements that build the target's schema \
            from an empty database (Strata's own planner, from a scratch database to the target), so the \
            file diffs well in review and `psql -f` loads it into an empty database to give the same \
            schema. Objects of kinds Strata does not compare are named in the header, as is the history \
            table, which is left out. Writes to standard output, or to --output.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        let context = try CommandContext(global)
        try await context.droppingScratchOnSignal {
            let target = try context.resolveTarget()
            let read = try await context.readWithEmptySchema(try await context.prepared(target))
            let plan = try SchemaDiffer.plan(from: read.empty, to: read.schema)
            let text = Self.text(plan, environment: target.environment, history: context.configuration.migratorConfiguration.history.qualifiedName)
            if let output {
                let path = output.hasPrefix("/") ? output : (context.environment.workingDirectory as NSString).appendingPathComponent(output)
                do {
                    try text.write(toFile: path, atomically: true, encoding: .utf8)
                } catch {
                    throw ConfigurationError("cannot write \(output): \(error.localizedDescription)", hint: "check the folder and its permissions")
                }
                if context.output.format == .json {
                    context.output.result(JSONNode.object([("output", .string(output)), ("statements", .int(plan.statements.count))]).text)
                } else {
                    context.output.result("Wrote \(output) (\(plan.statements.count) statements).")
                }
            } else {
                context.output.result(text)
            }
        }
    }

    /// The dump: a header naming what is left out, then each statement.
    static func text(_ plan: Plan, environment: String, history: String) -> String {
        var text = "-- Schema of env:\(environment), written by `strata dump`: \(plan.statements.count) statements.\n"
        text += "-- Load into an empty database with: psql -v ON_ERROR_STOP=1 -f FILE\n"
        text += "-- Left out: the history table \(history).\n"
        for entry in plan.notCompared {
            text += "-- Not in this dump (a kind Strata does not compare): \(entry.description)\n"
        }
        for statement in plan.statements {
            text += "\n" + statement.sql + ";\n"
        }
        return text
    }
}
