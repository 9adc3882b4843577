/// The command lines that scripts and deploys run most, read without the argument parser.
///
/// Building the argument parser's model of the command tree (reflection over every
/// option of the command and its groups) took a tenth of the CPU of `strata status`. This
/// reader knows `status` with the global options, and `up` (or `migrate`) with the global
/// options and its run flags, written as the argument parser accepts them; for anything
/// else it returns nil and the argument parser reads the line, so `--help`, `--version`,
/// mistakes and their messages stay exactly the argument parser's.
enum QuickCommandLine {
    /// A command this reader runs.
    enum Command: Equatable {
        case status
        case up(UpRunValues)

        func run(_ settings: GlobalSettings) async throws {
            switch self {
            case .status: try await StatusCommand.run(CommandContext(settings: settings))
            case .up(let flags): try await UpCommand.run(CommandContext(settings: settings), flags: flags)
            }
        }
    }

    /// The command and its settings, or nil when the line is anything but a plain
    /// `status [global options]` or `up [global options] [run flags]` (global options
    /// already moved after the command name by ``StrataCLI/movingGlobalOptions(_:)``).
    static func parse(_ arguments: [String]) -> (command: Command, settings: GlobalSettings)? {
        let isUp = arguments.first == "up" || arguments.first == "migrate"
        guard arguments.first == "status" || isUp else { return nil }
        var settings = GlobalSettings()
        var flags = UpRunValues()
        var seen: Set<String> = []
        var index = 1
        /// An option's value: attached (`--url=…`) or the next argument; nil when missing,
        /// empty or looking like an option, which the argument parser reports.
        func value(_ attached: String?) -> String? {
            var value = attached
            if value == nil, index < arguments.count {
                value = arguments[index]
                index += 1
            }
            guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
            return value
        }
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
            case "--dry-run", "--allow-out-of-order", "--allow-modified", "--allow-missing":
                guard isUp, attached == nil else { return nil }
                switch canonical {
                case "--dry-run": flags.dryRun = true
                case "--allow-out-of-order": flags.allowOutOfOrder = true
                case "--allow-modified": flags.allowModified = true
                default: flags.allowMissing = true
                }
            case "--to", "--steps", "--transaction", "--lock-wait":
                guard isUp, let value = value(attached) else { return nil }
                switch canonical {
                case "--to": flags.to = value
                case "--steps":
                    guard let steps = Int(value) else { return nil }
                    flags.steps = steps
                case "--transaction": flags.transaction = value
                default: flags.lockWait = value
                }
            case "--no-color", "--quiet", "--verbose":
                guard attached == nil else { return nil }
                if canonical == "--no-color" { settings.noColor = true }
                if canonical == "--quiet" { settings.quiet = true }
                if canonical == "--verbose" { settings.verbose = true }
            case "-C", "--config", "--env", "--url", "--format":
                guard let value = value(attached) else { return nil }
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
        guard isUp else { return (.status, settings) }
        // A line the argument parser would refuse gets the argument parser's message.
        guard (try? flags.check()) != nil else { return nil }
        return (.up(flags), settings)
    }
}
