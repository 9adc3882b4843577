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

    @OptionGroup var runFlags: UpRunFlags

    func run() async throws {
        try await FleetCommandRunner(global: global, flags: fleet).run(.up(try runFlags.options()), defaultMaxFailures: 1)
    }
}

struct FleetDownCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back the last batch (or --steps N, or everything after --to V) on every target."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fleet: FleetFlags

    @OptionGroup var runFlags: DownRunFlags

    @Flag(help: "Allow this on a protected fleet (fleet.protected).")
    var force = false

    func run() async throws {
        let options = try runFlags.options()
        try await FleetCommandRunner(global: global, flags: fleet).run(.down(options), defaultMaxFailures: 1, force: force || options.dryRun)
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
