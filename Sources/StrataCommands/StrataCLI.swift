import ArgumentParser
import Foundation
import StrataPostgres

/// Runs the command line in-process: parses, runs, renders errors once, and returns
/// the exit status. The `strata` executable is a thin `main` over this; tests call it
/// with their own ``CommandEnvironment``.
public enum StrataCLI {
    public static func run(_ arguments: [String]) async -> Int32 {
        let environment = CommandEnvironment.current
        let arguments = movingGlobalOptions(arguments)
        if let quick = QuickCommandLine.parse(arguments) {
            PhaseTimeline.mark("parsed")
            return await finish(environment: environment, format: quick.settings.format) {
                try await quick.command.run(quick.settings)
            }
        }
        let command: any ParsableCommand
        do {
            command = try StrataCommand.parseAsRoot(arguments)
            PhaseTimeline.mark("parsed")
        } catch {
            let code = StrataCommand.exitCode(for: error)
            let message = StrataCommand.fullMessage(for: error)
            if code == .success {
                environment.standardOutput.write(message + "\n")
                return 0
            }
            environment.standardError.write(message + "\n")
            return ExitStatus.usage
        }
        let format = (command as? any FormattedCommand)?.global.format ?? .text
        return await finish(environment: environment, format: format) {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        }
    }

    /// Runs a parsed command and turns its outcome into the exit status, rendering an
    /// error once in the command's format.
    private static func finish(
        environment: CommandEnvironment, format: OutputFormat, _ body: () async throws -> Void
    ) async -> Int32 {
        do {
            try await body()
            return 0
        } catch let exit as CommandExit {
            return exit.status
        } catch {
            if let code = (error as? ExitCode) { return code.rawValue }
            if StrataCommand.exitCode(for: error) == .success {
                // `--help`, `help` and `--version` end as clean exits carrying their text.
                let message = StrataCommand.fullMessage(for: error)
                if !message.isEmpty { environment.standardOutput.write(message + "\n") }
                return 0
            }
            return ErrorRenderer(environment: environment, format: format).render(error)
        }
    }

    /// Commands whose first argument is a subcommand (`strata dev start`).
    static let commandGroups: Set<String> = ["dev", "debug", "models", "fleet"]

    /// Moves global options written before the command name (`strata -C dir up`) to
    /// after it, where the argument parser expects them.
    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if GlobalOptions.flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else if GlobalOptions.valueOptions.contains(name) {
                leading.append(argument)
                if !argument.contains("=") && index + 1 < arguments.count {
                    leading.append(arguments[index + 1])
                    index += 1
                }
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        guard let commandName = rest.first, !commandName.hasPrefix("-") else { return rest + leading }
        var insertAt = 1
        if commandGroups.contains(commandName), rest.count > 1, !rest[1].hasPrefix("-") { insertAt = 2 }
        rest.insert(contentsOf: leading, at: insertAt)
        return rest
    }
}

/// Exit statuses (DESIGN §5).
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failed: Int32 = 1
    public static let usage: Int32 = 2
    public static let connection: Int32 = 3
    public static let validation: Int32 = 4
    public static let lockTimeout: Int32 = 5
}

/// Thrown by a command that has already written its output and wants a given status.
struct CommandExit: Error {
    var status: Int32
}

/// A command that has the global options (so errors render in its `--format`).
protocol FormattedCommand {
    var global: GlobalOptions { get }
}
