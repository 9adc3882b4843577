import ArgumentParser
import StrataFleet
import StrataMigrate

/// `strata fleet up|down|status|validate`: one migration set over many databases,
/// servers and tenant schemas, in parallel.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Run up, down, status or validate over many databases, servers and tenant schemas in parallel.",
        discussion: """
            Targets come from fleet.targets in strata.yaml (a url per database; with schemas: a query, one target \
            per tenant schema it returns) or from --targets FILE (a URL, or a URL and a schema, per line). Each \
            target's run is exactly the single-target command: validation, its own lock and history, batch or \
            each mode; a failure rolls back that target only. Exit 0 when every target succeeded, 1 when any \
            failed, 3 when none could be reached, 2 for a usage or configuration error.
            """,
        subcommands: [FleetUpCommand.self, FleetDownCommand.self, FleetStatusCommand.self, FleetValidateCommand.self]
    )
}

/// The fleet's own flags, shared by its subcommands.
struct FleetFlags: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Run at most this many targets at once (default: fleet.parallel, else 4).", valueName: "n"))
    var parallel: Int?

    @Option(help: ArgumentHelp("Run at most this many targets at once on one server (default: fleet.per_server).", valueName: "n"))
    var perServer: Int?

    @Option(help: ArgumentHelp("Only targets matching this pattern (* and ?; schema or database name, database/schema, or server/database/schema). Repeatable.", valueName: "pattern"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Read the targets from this file instead of fleet.targets: a URL, or a URL and a schema, per line.", valueName: "file"))
    var targets: String?

    @Flag(help: "Keep starting targets after failures (default for up and down: stop after the first; running ones finish).")
    var continueOnError = false

    @Option(help: ArgumentHelp("Stop starting targets once this many have failed.", valueName: "k"))
    var maxFailures: Int?

    func validate() throws {
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if let perServer, perServer < 1 { throw ValidationError("--per-server must be at least 1") }
        if let maxFailures, maxFailures < 1 { throw ValidationError("--max-failures must be at least 1") }
        if only.contains(where: \.isEmpty) { throw ValidationError("--only takes a pattern, not an empty string") }
    }

    /// The failure limit: --max-failures, none with --continue-on-error, else `fallback`.
    func maxFailures(default fallback: Int?) -> Int? {
        if let maxFailures { return maxFailures }
        return continueOnError ? nil : fallback
    }
}

struct FleetUpCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Apply pending migrations on every target.",
        discussion: "Each target: validation first, its lock, one batch (or one transaction per migration with --transaction each)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fleet: FleetFlags

    @Option(help: ArgumentHelp("Apply pending migrations up to and including this version.", valueName: "version"))
    var to: String?

    @Option(help: "Apply at most this many pending migrations on each target.")
    var steps: Int?

    @Flag(help: "Report what would run on each target; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("batch (one transaction per target) or each (one per migration).", valueName: "mode"))
    var transaction: String?

    @Flag(help: "Also apply pending migrations older than the newest applied one.")
    var allowOutOfOrder = false

    @Flag(help: "Run even though applied migration files changed since.")
    var allowModified = false

    @Flag(help: "Run even though applied migration files are gone.")
    var allowMissing = false

    @Option(help: ArgumentHelp("How long each target waits for another run's lock (default 60s).", valueName: "duration"))
    var lockWait: String?

    func validate() throws {
        if to != nil && steps != nil { throw ValidationError("--to and --steps cannot be combined") }
        if let to { _ = try CommandParsing.version(to, what: "--to") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        _ = try CommandParsing.transactionMode(transaction)
        _ = try CommandParsing.duration(lockWait, flag: "--lock-wait")
    }

    func run() async throws {
        let options = UpOptions(
            target: to.flatMap(MigrationVersion.init), steps: steps, dryRun: dryRun,
            transactionMode: try CommandParsing.transactionMode(transaction),
            allowOutOfOrder: allowOutOfOrder, allowModified: allowModified, allowMissing: allowMissing,
            lockWait: try CommandParsing.duration(lockWait, flag: "--lock-wait")
        )
        try await FleetCommandRunner(global: global, flags: fleet).run(.up(options), defaultMaxFailures: 1)
    }
}

struct FleetDownCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back the last batch (or --steps N, or everything after --to V) on every target."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fleet: FleetFlags

    @Option(help: "Roll back this many migrations on each target, newest first.")
    var steps: Int?

    @Option(help: ArgumentHelp("Roll back every migration newer than this version (it stays applied).", valueName: "version"))
    var to: String?

    @Flag(help: "Report what would run on each target; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("batch (one transaction per target) or each (one per migration).", valueName: "mode"))
    var transaction: String?

    @Flag(help: "Run the current down part even though the file changed since it was applied.")
    var allowModified = false

    @Flag(help: "Allow this on a protected fleet (fleet.protected).")
    var force = false

    @Option(help: ArgumentHelp("How long each target waits for another run's lock (default 60s).", valueName: "duration"))
    var lockWait: String?

    func validate() throws {
        if to != nil && steps != nil { throw ValidationError("--to and --steps cannot be combined") }
        if let to { _ = try CommandParsing.version(to, what: "--to") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        _ = try CommandParsing.transactionMode(transaction)
        _ = try CommandParsing.duration(lockWait, flag: "--lock-wait")
    }

    func run() async throws {
        var selection = DownOptions.Selection.lastBatch
        if let steps { selection = .steps(steps) }
        if let to { selection = .to(try CommandParsing.version(to, what: "--to")) }
        let options = DownOptions(
            selection: selection, dryRun: dryRun, transactionMode: try CommandParsing.transactionMode(transaction),
            allowModified: allowModified, lockWait: try CommandParsing.duration(lockWait, flag: "--lock-wait")
        )
        try await FleetCommandRunner(global: global, flags: fleet).run(.down(options), defaultMaxFailures: 1, force: force || dryRun)
    }
}

struct FleetStatusCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every target with its applied, pending and problem migrations (reads every target; changes nothing)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fleet: FleetFlags

    func run() async throws {
        try await FleetCommandRunner(global: global, flags: fleet).run(.status, defaultMaxFailures: nil)
    }
}

struct FleetValidateCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the migration files and every target's history; a target with problems fails (changes nothing)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fleet: FleetFlags

    func run() async throws {
        try await FleetCommandRunner(global: global, flags: fleet).run(.validate, defaultMaxFailures: nil)
    }
}
