import ArgumentParser
import Foundation
import StrataDiff
import StrataGenerate
import StrataMigrate
import StrataLint

struct GenerateCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the migration from the migrations' state to the desired schema, proved first.",
        discussion: """
            Replays the migrations and loads the desired schema into scratch databases, plans the change, \
            and proves it on a scratch database: the up part must give the desired schema and the generated \
            down part must return to the previous one. Only then is the file written, with its hazards in the \
            header. Index builds on existing tables go CONCURRENTLY into a no-transaction file of their own. \
            With --check, writes nothing and exits 4 when the migrations are out of sync with the schema.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The migration's name, e.g. add_orders.")
    var name: String?

    @Flag(help: "Write nothing; exit 4 when the migrations and the desired schema differ, 0 when in sync.")
    var check = false

    @Option(help: ArgumentHelp("A rename instead of a drop and an add: users.mail=email or old_table=new_table.", valueName: "old=new"))
    var rename: [String] = []

    @Flag(help: "Generate what is compared even when the desired schema holds objects Strata does not compare (they are listed in the file's header).")
    var allowUnsupported = false

    func validate() throws {
        if !check && name == nil { throw ValidationError("give the migration a name, e.g. strata generate add_orders") }
        for text in rename { _ = try RenameRequest(text) }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let desired = try context.desiredSchemaFiles(writingModels: !check)
        let name = MigrationDirectory.normalizedName(self.name ?? "schema_change")
        guard !name.isEmpty else { throw ValidationError("the name needs letters or digits, e.g. add_orders") }
        let existing = migrator.migrations.map(\.version)
        let versioning = context.configuration.versioning
        let now = context.environment.now()
        let interactive = context.environment.inputIsTerminal && context.output.format == .text
        let request = MigrationGenerator.Request(
            name: name, migrator: migrator, desired: desired, renames: try rename.map(RenameRequest.init),
            confirmRename: interactive ? { @Sendable candidate in
                context.confirm("Is \(Self.describe(candidate)) a rename (keeping the data) rather than a drop and an add?")
            } : nil,
            versions: { count in Self.versions(count, existing: existing, versioning: versioning, now: now) },
            commandLine: "strata generate \(name)", allowUnsupported: allowUnsupported
        )
        try await context.droppingScratchOnSignal {
            let generator = MigrationGenerator(reader: SchemaReader(
                scratch: try await context.scratchServer(), historySchema: context.configuration.historySchema,
                comparison: context.configuration.comparison
            ))
            if check {
                let result = try await generator.check(request)
                render(result, written: [], lint: nil, context: context)
                if !result.isInSync { throw CommandExit(status: ExitStatus.validation) }
                return
            }
            let result = try await generator.generate(request)
            var written: [String] = []
            for file in result.files {
                let path = (context.configuration.migrationsPath as NSString).appendingPathComponent(file.fileName)
                do {
                    try file.text.write(toFile: path, atomically: true, encoding: .utf8)
                } catch {
                    throw ConfigurationError("cannot write \(context.configuration.migrations)/\(file.fileName)", hint: "check the folder's permissions")
                }
                written.append("\(context.configuration.migrations)/\(file.fileName)")
            }
            // What was written is linted like a hand-written migration, after the existing ones.
            let lint = ProjectLinter(configuration: context.configuration).lint(
                reported: [], all: migrator.migrations, serverVersion: nil, asOneRun: true,
                extraFiles: zip(result.files, written).map { LintFile(name: $1, text: $0.text) }
            ).report
            // With docs: {migrations: …}, a record beside each file (docs/migrations/<version>_<name>.md).
            var records: [String] = []
            if let recordsSetting = context.configuration.docs.migrations {
                let pages = MigrationRecorder.generated(result, written: written, lint: lint, commandLine: request.commandLine)
                let folder = DocsFolder(
                    path: recordsSetting.hasPrefix("/") ? recordsSetting : context.configuration.resolve(recordsSetting), display: recordsSetting,
                    kind: .records
                )
                var comparison = try folder.compare(pages)
                comparison.stale = []
                try folder.apply(comparison)
                records = pages.map { recordsSetting + "/" + $0.path }
            }
            render(result, written: written, records: records, lint: lint, context: context)
        }
    }

    struct Document: Encodable {
        var inSync: Bool
        var files: [MigrationGenerator.File]
        var written: [String]
        /// The migration records written (`docs: {migrations: …}`).
        var records: [String]
        var statements: [PlannedStatement]
        var hazards: [Hazard]
        var notCompared: [NotComparedEntry]
        var timings: PhaseTimings
        var compared: ComparisonNote.Document
        /// The lint report of the files written (docs/lint.md); nil when nothing was written.
        var lint: LintReport?

        enum CodingKeys: String, CodingKey {
            case inSync = "in_sync", files, written, records, statements, hazards, notCompared = "not_compared", timings, compared, lint
        }
    }

    private func render(
        _ result: MigrationGenerator.Result, written: [String], records: [String] = [], lint: LintReport?, context: CommandContext
    ) {
        let output = context.output
        if output.format == .json {
            output.result(JSON.encode(Document(
                inSync: result.isInSync, files: result.files, written: written, records: records, statements: result.plan.statements,
                hazards: result.plan.hazards, notCompared: result.plan.notCompared, timings: result.timings,
                compared: ComparisonNote.Document(context.configuration.comparison), lint: lint
            )))
            return
        }
        let timings = result.timings
        output.detail("timings: replay \(timings.replayMs) ms, load \(timings.loadMs) ms, introspection \(timings.introspectionMs) ms, "
            + "planning \(timings.planningMs) ms, proof \(timings.proofMs) ms")
        let renderer = PlanRenderer(output: output, comparison: context.configuration.comparison)
        let note = renderer.notes(result.plan).map { "\n" + $0 }.joined()
        if result.isInSync {
            let sync = result.plan.notCompared.isEmpty
                ? "In sync: the migrations give the desired schema; nothing to generate."
                : "In sync among the compared objects; nothing to generate."
            output.result(sync + note)
            return
        }
        if result.plan.isEmpty {
            // Only objects Strata does not compare differ: nothing it could write.
            output.result("Out of sync only in objects Strata does not compare; change them by hand in a migration." + note)
            return
        }
        if check {
            output.result(PlanRenderer(output: output, comparison: context.configuration.comparison).summary(result.plan, from: "migrations", to: "schema")
                + "\nOut of sync: run `strata generate <name>` to write the migration.")
            return
        }
        var text = ""
        for (file, path) in zip(result.files, written) {
            text += "Wrote \(path) (\(file.up.count) statement\(file.up.count == 1 ? "" : "s")"
            text += file.isTransactional ? ")" : ", outside a transaction)"
            if !file.hazards.isEmpty {
                text += "\n  hazards: " + file.hazards.map { output.paint($0.code.description, .red) + " (\($0.message))" }.joined(separator: "\n           ")
            }
            text += "\n"
        }
        for record in records { text += "Wrote \(record) (the migration's record)\n" }
        text += "Proved on a scratch database: up gives the desired schema, down returns to the previous one."
        if let lint, !lint.findings.isEmpty {
            text += "\nLint (strata lint, docs/lint.md) — review before applying to a database with data:"
            for finding in lint.findings {
                let severity = finding.severity == .error ? output.paint("error", .red) : output.paint("warning", .yellow)
                text += "\n  \(finding.file):\(finding.line):\(finding.column) \(severity) \(finding.rule.code): \(finding.message)"
            }
        }
        output.result(text + note)
    }

    static func describe(_ rename: Rename) -> String {
        switch rename.kind {
        case .table: return "table \(rename.table) → \(rename.to)"
        case .column: return "column \(rename.table).\(rename.from) → \(rename.to)"
        }
    }

    /// Versions for `count` files: the next timestamp (or number), then +1 each.
    static func versions(_ count: Int, existing: [MigrationVersion], versioning: ProjectConfiguration.Versioning, now: Date) -> [String] {
        let first = NewCommand.nextVersion(existing: existing, versioning: versioning, now: now)
        guard let base = Int(first) else { return [first] }
        return (0..<count).map { offset in
            let digits = String(base + offset)
            return String(repeating: "0", count: max(first.count - digits.count, 0)) + digits
        }
    }
}
