import ArgumentParser
import StrataFleet
import StrataMigrate

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
