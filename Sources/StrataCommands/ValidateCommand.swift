import ArgumentParser
import StrataMigrate

struct ValidateCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check migration files and history without changing anything.",
        discussion: """
            Reports malformed names, duplicate versions, files that cannot be parsed or are not allowed \
            (psql meta-commands, BEGIN/COMMIT or CONCURRENTLY in a transactional file, …), and, against \
            the database, modified, missing, out-of-order and failed migrations. Exits 4 when it finds any.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check the files only; do not connect to the database.")
    var offline = false

    struct Document: Encodable {
        var target: TargetSummary?
        var valid: Bool
        var problems: [MigrationProblem]
        var migrations: Int
        /// Pre, repeatable and post scripts checked.
        var scripts: Int
    }

    func run() async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let problems: [MigrationProblem]
        var summary: TargetSummary?
        if offline {
            problems = try await migrator.validate(on: nil)
        } else {
            let target = try context.resolveTarget()
            (problems, summary) = try await context.withSession(target) { session, target in
                (try await migrator.validate(on: session), target.summary)
            }
        }
        let output = context.output
        let scripts = migrator.scripts.pre.count + migrator.scripts.repeatables.count + migrator.scripts.post.count
        let checked = "\(migrator.migrations.count) migration file(s)" + (scripts > 0 ? " and \(scripts) script(s)" : "")
        if output.format == .json {
            output.result(JSON.encode(Document(
                target: summary, valid: problems.isEmpty, problems: problems, migrations: migrator.migrations.count, scripts: scripts
            )))
        } else if problems.isEmpty {
            output.result("\(checked) checked: no problems.")
        } else {
            var text = ""
            for problem in problems {
                text += problem.description + " " + output.paint("[\(problem.code)]", .gray) + "\n"
                if let hint = problem.hint { text += "  hint: " + hint + "\n" }
            }
            text += "\(problems.count) problem\(problems.count == 1 ? "" : "s") found in \(checked)."
            output.result(text)
        }
        if !problems.isEmpty { throw CommandExit(status: ExitStatus.validation) }
    }
}
