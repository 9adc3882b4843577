import ArgumentParser
import StrataMigrate

/// The flags of an `up` run, shared by `strata up` and `strata fleet up` (where they apply to
/// each target).
struct UpRunFlags: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Apply pending migrations up to and including this version.", valueName: "version"))
    var to: String?

    @Option(help: "Apply at most this many pending migrations.")
    var steps: Int?

    @Flag(help: "Print what would run; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("batch (one transaction for the run) or each (one per migration).", valueName: "mode"))
    var transaction: String?

    @Flag(help: "Also apply pending migrations older than the newest applied one.")
    var allowOutOfOrder = false

    @Flag(help: "Run even though applied migration files changed since.")
    var allowModified = false

    @Flag(help: "Run even though applied migration files are gone.")
    var allowMissing = false

    @Option(help: ArgumentHelp("How long to wait for another run's lock (default 60s).", valueName: "duration"))
    var lockWait: String?

    func validate() throws {
        try values.check()
    }

    /// The flags' values, as ``QuickCommandLine`` also reads them.
    var values: UpRunValues {
        UpRunValues(
            to: to, steps: steps, dryRun: dryRun, transaction: transaction, allowOutOfOrder: allowOutOfOrder,
            allowModified: allowModified, allowMissing: allowMissing, lockWait: lockWait
        )
    }

    /// The engine's options these flags give.
    func options() throws -> UpOptions {
        try values.options()
    }
}

/// What the flags of an `up` run say, without the argument parser's wrappers.
struct UpRunValues: Sendable, Equatable {
    var to: String?
    var steps: Int?
    var dryRun = false
    var transaction: String?
    var allowOutOfOrder = false
    var allowModified = false
    var allowMissing = false
    var lockWait: String?

    /// The checks the argument parser runs after reading the flags.
    func check() throws {
        try RunFlagChecks.check(to: to, steps: steps, transaction: transaction, lockWait: lockWait)
    }

    /// The engine's options these values give.
    func options() throws -> UpOptions {
        UpOptions(
            target: try to.map { try CommandParsing.version($0, what: "--to") }, steps: steps, dryRun: dryRun,
            transactionMode: try CommandParsing.transactionMode(transaction),
            allowOutOfOrder: allowOutOfOrder, allowModified: allowModified, allowMissing: allowMissing,
            lockWait: try CommandParsing.duration(lockWait, flag: "--lock-wait")
        )
    }
}

/// The flags of a `down` run, shared by `strata down` and `strata fleet down`.
struct DownRunFlags: ParsableArguments, Sendable {
    @Option(help: "Roll back this many migrations, newest first.")
    var steps: Int?

    @Option(help: ArgumentHelp("Roll back every migration newer than this version (it stays applied).", valueName: "version"))
    var to: String?

    @Flag(help: "Print what would run; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("batch (one transaction for the run) or each (one per migration).", valueName: "mode"))
    var transaction: String?

    @Flag(help: "Run the current down part even though the file changed since it was applied.")
    var allowModified = false

    @Option(help: ArgumentHelp("How long to wait for another run's lock (default 60s).", valueName: "duration"))
    var lockWait: String?

    func validate() throws {
        try RunFlagChecks.check(to: to, steps: steps, transaction: transaction, lockWait: lockWait)
    }

    /// The engine's options these flags give: the last batch, `--steps` or `--to`.
    func options() throws -> DownOptions {
        var selection = DownOptions.Selection.lastBatch
        if let steps { selection = .steps(steps) }
        if let to { selection = .to(try CommandParsing.version(to, what: "--to")) }
        return DownOptions(
            selection: selection, dryRun: dryRun, transactionMode: try CommandParsing.transactionMode(transaction),
            allowModified: allowModified, lockWait: try CommandParsing.duration(lockWait, flag: "--lock-wait")
        )
    }
}

/// The checks both run flag groups make, with the errors a user needs.
enum RunFlagChecks {
    static func check(to: String?, steps: Int?, transaction: String?, lockWait: String?) throws {
        if to != nil && steps != nil { throw ValidationError("--to and --steps cannot be combined") }
        if let to { _ = try CommandParsing.version(to, what: "--to") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        _ = try CommandParsing.transactionMode(transaction)
        _ = try CommandParsing.duration(lockWait, flag: "--lock-wait")
    }
}
