import ArgumentParser
import StrataMigrate

struct BaselineCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record every migration up to VERSION as applied, without running it.",
        discussion: "For adopting Strata on a database whose schema already matches those migrations."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The newest version to record.")
    var version: String

    func validate() throws { _ = try CommandParsing.version(version, what: "the version") }

    func run() async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let target = try context.resolveTarget()
        let through = try CommandParsing.version(version, what: "the version")
        try await context.withSession(target) { session, target in
            let report = try await migrator.baseline(on: session, through: through, events: RunRenderer(output: context.output).handler)
            let status = try await migrator.status(on: session)
            if context.output.format == .json {
                RunReportRenderer(output: context.output).render(report, target: target.summary, status: status)
            } else {
                let count = report.migrations.count
                context.output.result(
                    (count == 0 ? "Nothing to record: every migration up to \(through) is already in the history."
                        : "Recorded \(count) migration(s) up to \(through) as applied in batch \(report.batch ?? 0), without running them.")
                        + " " + StatusRenderer.summaryLine(status, output: context.output) + "."
                )
            }
        }
    }
}

struct MarkCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Repair the history: record VERSION as applied, or remove its record (pending).",
        discussion: """
            Use after finishing or undoing a failed no-transaction migration by hand, or to accept an \
            edited file (--applied records the file's current checksum). Nothing else runs.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The migration's version.")
    var version: String

    @Flag(help: "Record it as applied (with the file's current checksum).")
    var applied = false

    @Flag(help: "Remove its record, so that it counts as pending.")
    var pending = false

    func validate() throws {
        _ = try CommandParsing.version(version, what: "the version")
        if applied == pending { throw ValidationError("give exactly one of --applied and --pending") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let migrator = try context.migrator()
        let target = try context.resolveTarget()
        let version = try CommandParsing.version(self.version, what: "the version")
        try await context.withSession(target) { session, target in
            let report = try await migrator.mark(on: session, version: version, applied: applied, events: RunRenderer(output: context.output).handler)
            let status = try await migrator.status(on: session)
            if context.output.format == .json {
                RunReportRenderer(output: context.output).render(report, target: target.summary, status: status)
            } else {
                let entry = report.migrations.first
                let name = entry.map { "\($0.version.text)_\($0.name)" } ?? version.text
                context.output.result(
                    (applied ? "Marked \(name) as applied." : "Removed \(name) from the history; it is pending now.")
                        + " " + StatusRenderer.summaryLine(status, output: context.output) + "."
                )
            }
        }
    }
}
