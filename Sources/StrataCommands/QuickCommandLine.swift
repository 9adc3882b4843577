/// The command lines that scripts and deploys run most, read without the argument parser.
///
/// Building the argument parser's model of the command tree (reflection over every
/// option of the command and its groups) took a tenth of the CPU of `strata status`. This
/// reader knows `status` with the global options only, written as the argument parser
/// accepts them; for anything else it returns nil and the argument parser reads the line,
/// so `--help`, `--version`, mistakes and their messages stay exactly the argument parser's.
enum QuickCommandLine {
    /// A command this reader runs.
    enum Command: Equatable {
        case status

        func run(_ settings: GlobalSettings) async throws {
            switch self {
            case .status: try await StatusCommand.run(CommandContext(settings: settings))
            }
        }
    }

    /// The command and its settings, or nil when the line is anything but a plain
    /// `status [global options]` (global options already moved after the command name by
    /// ``StrataCLI/movingGlobalOptions(_:)``).
    static func parse(_ arguments: [String]) -> (command: Command, settings: GlobalSettings)? {
        guard arguments.first == "status" else { return nil }
        var settings = GlobalSettings()
        var seen: Set<String> = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            let canonical = name == "-q" ? "--quiet" : name == "-v" ? "--verbose" : name
            // A repeated option: leave the argument parser's rules to the argument parser.
            guard seen.insert(canonical).inserted else { return nil }
            switch canonical {
            case "--no-color", "--quiet", "--verbose":
                guard attached == nil else { return nil }
                if canonical == "--no-color" { settings.noColor = true }
                if canonical == "--quiet" { settings.quiet = true }
                if canonical == "--verbose" { settings.verbose = true }
            case "-C", "--config", "--env", "--url", "--format":
                var value = attached
                if value == nil, index < arguments.count {
                    value = arguments[index]
                    index += 1
                }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                switch canonical {
                case "-C": settings.directory = value
                case "--config": settings.config = value
                case "--env": settings.env = value
                case "--url": settings.url = value
                default:
                    guard let format = OutputFormat(rawValue: value) else { return nil }
                    settings.requestedFormat = format
                }
            default:
                return nil
            }
        }
        return (.status, settings)
    }
}
