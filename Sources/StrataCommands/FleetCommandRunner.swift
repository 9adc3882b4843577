import Foundation
import StrataFleet
import StrataMigrate
import StrataPostgres
import StrataSQL
import Synchronization

/// What every `strata fleet` subcommand does: reads the targets and the fleet's
/// settings, checks the migration files once, lists the targets, runs the action on
/// them with progress, renders the result and sets the exit status.
struct FleetCommandRunner {
    let global: GlobalOptions
    let flags: FleetFlags

    /// - Parameters:
    ///   - defaultMaxFailures: the failure limit without --continue-on-error or --max-failures.
    ///   - force: --force (needed by `down` on a protected fleet).
    func run(_ action: FleetAction, defaultMaxFailures: Int?, force: Bool = false) async throws {
        if global.url != nil || global.env != nil {
            throw ConfigurationError(
                "--url and --env choose one target; `strata fleet` runs on fleet.targets or --targets FILE",
                hint: "leave them out, or use `strata \(action.name)` for a single target"
            )
        }
        let context = try CommandContext(global)
        let configuration = context.configuration.fleet
        if case .down = action, configuration?.isProtected == true, !force {
            throw MigrationError(
                .protected, "the fleet is protected (fleet.protected in strata.yaml); `strata fleet down` needs --force there",
                hint: "check the targets with `strata fleet status`, or try `strata fleet down --dry-run`, then add --force"
            )
        }
        let migrator = try context.migrator()
        try await checkFiles(migrator, for: action, output: context.output)
        let specs = try FleetTargetResolver(configuration: context.configuration, variables: context.environment.variables)
            .specs(targetsFile: flags.targets)
        let options = FleetOptions(
            parallel: flags.parallel ?? configuration?.parallel ?? 4,
            perServer: flags.perServer ?? configuration?.perServer,
            maxFailures: flags.maxFailures(default: defaultMaxFailures),
            waves: configuration?.waves ?? [],
            searchPath: configuration?.searchPath ?? FleetOptions.defaultSearchPath
        )
        var action = action
        if case .up(var up) = action {
            // Every target applies the same files: each is parsed once for the whole fleet.
            up.parses = ScriptParseCache()
            up.beforeRun = FleetLintCheck(
                context: context, migrator: migrator, transactionMode: up.transactionMode, parses: up.parses
            ).check
            action = .up(up)
        }
        let fleet = Fleet(targets: specs, options: options)
        let plan = try await fleet.plan(only: flags.only.map(FleetPattern.init))
        let renderer = FleetRenderer(output: context.output, action: action, waves: options.waves)
        renderer.header(plan, options: options)
        let interruption = FleetInterruption()
        let output = context.output
        let signals = Mutex(0)
        let watcher = SignalWatcher(signals: [SIGINT, SIGTERM]) { number in
            let count = signals.withLock { $0 += 1; return $0 }
            if count > 1 {
                output.environment.standardError.write("\nstrata: second signal, exiting now; the servers roll back the open transactions\n")
                _exit(130)
            }
            output.environment.standardError.write(
                "\nstrata: \(number == SIGINT ? "interrupted" : "terminated"), starting no more targets and rolling back the running ones…\n"
            )
            interruption.interrupt()
        }
        let report = await fleet.run(
            action, migrator: migrator, plan: plan, events: renderer.handler, interruption: interruption,
            waitsForClose: context.environment.waitsForClose
        )
        watcher.stop()
        let status = Self.exitStatus(report.summary)
        renderer.finish(report, exitCode: status)
        if status != ExitStatus.success { throw CommandExit(status: status) }
    }

    /// Validation first, for the whole fleet: a migration file that cannot be read or
    /// parsed stops `up` and `validate` before any target is touched (exit 4), as it
    /// stops a single target's run; `down` needs the folder readable; `status` warns.
    private func checkFiles(_ migrator: Migrator, for action: FleetAction, output: Output) async throws {
        let problems: [MigrationProblem]
        switch action {
        case .up, .validate:
            problems = try await migrator.validate(on: nil)
        case .down:
            problems = migrator.problems
        case .status:
            for problem in migrator.problems { output.warning(problem.description) }
            return
        }
        guard !problems.isEmpty else { return }
        throw MigrationError(
            .validation,
            (problems.count == 1 ? "1 problem in the migration files" : "\(problems.count) problems in the migration files") + "; no target was touched",
            problems: problems
        )
    }

    /// 0 when every target succeeded (or there were none), 3 when targets failed and
    /// none could be reached, else 1.
    static func exitStatus(_ summary: FleetSummary) -> Int32 {
        if summary.isSuccess { return ExitStatus.success }
        if summary.noneReached { return ExitStatus.connection }
        return ExitStatus.failed
    }
}
