import ArgumentParser
import StrataLint
import StrataMigrate
import StrataPostgres
import StrataSQL

struct UpCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Apply pending migrations as one batch.",
        discussion: """
            Takes the migration lock, checks the history against the files, parses every pending file, \
            and only then applies them in version order. In batch mode (the default) the whole run is \
            one transaction; with --transaction each, every migration commits on its own.
            """,
        aliases: ["migrate"]
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runFlags: UpRunFlags

    func run() async throws {
        try await Self.run(CommandContext(global), flags: runFlags.values)
    }

    /// The command's work, also reached from ``QuickCommandLine``.
    static func run(_ context: CommandContext, flags: UpRunValues) async throws {
        let target = try context.resolveTarget()
        var options = try flags.options()
        // Read the migration files on another thread while connecting.
        let loading = Task.detached { try context.migrator() }
        try await context.withSession(target) { session, target in
            PhaseTimeline.mark("connected")
            let migrator = try await loading.value
            PhaseTimeline.mark("files-read")
            // The lint reads the parses the run makes of the files it will apply.
            options.parses = context.configuration.lint.up == .off ? nil : ScriptParseCache()
            options.beforeRun = Self.lintCheck(
                context: context, migrator: migrator, transactionMode: options.transactionMode, parses: options.parses
            )
            let output = context.output
            let renderer = RunRenderer(output: output)
            if !options.dryRun {
                output.progress(TargetLine.describe(target.summary, output: output))
                // backup.before_up, before the migration lock is taken.
                try await context.backUpBeforeUp(target, session: session, migrator: migrator)
            }
            let report: MigrationRunReport
            do {
                report = try await InterruptibleRun.run(session: session, settings: target.settings!, output: output) { flag in
                    try await migrator.up(on: session, options: options, events: renderer.handler, interruption: flag)
                }
            } catch {
                renderer.finishOpenLine()
                throw error
            }
            if options.dryRun {
                RunReportRenderer(output: output).renderDryRun(report, target: target.summary)
                return
            }
            PhaseTimeline.mark("applied")
            let status = try await migrator.status(on: session)
            PhaseTimeline.mark("status-read")
            RunReportRenderer(output: output).render(report, target: target.summary, status: status)
            PhaseTimeline.mark("rendered")
        }
    }
}

extension UpCommand {
    /// Lints the files the run will apply (`lint: warn|error` in strata.yaml): findings are
    /// printed as warnings; with `lint: error` an error finding stops the run before anything runs.
    /// `parses`: the run's parses of the files it applies (``UpOptions/parses``), read
    /// instead of parsing those files again.
    static func lintCheck(
        context: CommandContext, migrator: Migrator, transactionMode: MigratorConfiguration.TransactionMode?,
        parses: ScriptParseCache? = nil
    ) -> (@Sendable ([Migration], any DatabaseSession) async throws -> Void)? {
        let mode = context.configuration.lint.up
        guard mode != .off else { return nil }
        var configuration = context.configuration
        if let transactionMode { configuration.transaction = transactionMode }
        let linter = ProjectLinter(configuration: configuration)
        let configuredVersion = configuration.lint.postgresVersion
        let all = migrator.migrations
        let output = context.output
        return { pending, session in
            let started = PhaseTimeline.now()
            defer { PhaseTimeline.span("lint", since: started) }
            let version = configuredVersion == nil ? try await ProjectLinter.serverVersion(on: session) : nil
            let (report, _) = linter.lint(reported: pending, all: all, serverVersion: version, asOneRun: true, parses: parses)
            guard !report.findings.isEmpty else { return }
            LintRenderer(output: output).renderAsWarnings(report)
            guard mode == .error, report.hasErrors else { return }
            throw MigrationError(
                .validation,
                "lint found \(report.summary.errors) error\(report.summary.errors == 1 ? "" : "s") in the migrations to apply; nothing was run",
                hint: "fix them (see `strata lint --pending` and docs/lint.md), add -- strata:lint-ignore CODE reason above the statement, or set lint: warn in strata.yaml"
            )
        }
    }
}

/// Shared flag parsing with the exact error a user needs.
enum CommandParsing {
    static func transactionMode(_ text: String?) throws -> MigratorConfiguration.TransactionMode? {
        guard let text else { return nil }
        guard let mode = MigratorConfiguration.TransactionMode(rawValue: text) else {
            throw ValidationError("--transaction must be batch or each, not \"\(text)\"")
        }
        return mode
    }

    static func duration(_ text: String?, flag: String) throws -> Duration? {
        guard let text else { return nil }
        guard let duration = DurationParser.parse(text) else {
            throw ValidationError("\(flag) takes a duration like 30s, 2min or 500ms, not \"\(text)\"")
        }
        return duration
    }

    static func version(_ text: String, what: String) throws -> MigrationVersion {
        guard let version = MigrationVersion(text) else {
            throw ValidationError("\(what) must be a version (digits), not \"\(text)\"")
        }
        return version
    }
}
