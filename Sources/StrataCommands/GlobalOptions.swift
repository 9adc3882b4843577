import ArgumentParser

/// Flags every command accepts (DESIGN §5). They may also come before the command
/// name: `strata -C app --env test status`.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if started in this directory.", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("The configuration file (default: strata.yaml in the project).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The environment from strata.yaml (default: $STRATA_ENV or dev).", valueName: "name"))
    var env: String?

    @Option(help: ArgumentHelp("The database URL; overrides the environment.", valueName: "url"))
    var url: String?

    @Option(name: .customLong("format"), help: "Output format: text or json (diff also: sql and markdown; drift also: markdown; lint also: github).")
    var requestedFormat: OutputFormat?

    /// The format asked for, or text.
    var format: OutputFormat { settings.format }

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: [.customShort("q"), .long], help: "Print only results and errors.")
    var quiet = false

    @Flag(name: [.customShort("v"), .long], help: "Print each statement as it runs, and more detail.")
    var verbose = false

    public init() {}

    /// The values parsed, as plain data.
    var settings: GlobalSettings {
        GlobalSettings(
            directory: directory, config: config, env: env, url: url, requestedFormat: requestedFormat,
            noColor: noColor, quiet: quiet, verbose: verbose
        )
    }

    /// Option names that take a value, and flags, as they may appear before the command.
    static let valueOptions: Set<String> = ["-C", "--config", "--env", "--url", "--format"]
    static let flags: Set<String> = ["--no-color", "--quiet", "-q", "--verbose", "-v"]
}

/// The global options' values as plain data: what ``CommandContext`` reads, whether the
/// argument parser or ``QuickCommandLine`` read them.
struct GlobalSettings: Sendable, Equatable {
    var directory: String?
    var config: String?
    var env: String?
    var url: String?
    var requestedFormat: OutputFormat?
    var noColor = false
    var quiet = false
    var verbose = false

    /// The format asked for, or text.
    var format: OutputFormat { requestedFormat ?? .text }
}
