import ArgumentParser

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
