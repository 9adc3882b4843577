import Foundation
import StrataMigrate
import StrataPostgres

/// Everything a command needs, built once from the global options and the command
/// environment: the project folder, its configuration, the output, the target.
struct CommandContext: Sendable {
    let global: GlobalSettings
    let environment: CommandEnvironment
    let configuration: ProjectConfiguration
    let output: Output

    init(
        _ options: GlobalOptions, loadConfiguration: Bool = true, defaultFormat: OutputFormat = .text, allowsSQL: Bool = false,
        allowsGitHub: Bool = false, allowsMarkdown: Bool = false
    ) throws {
        try self.init(
            settings: options.settings, loadConfiguration: loadConfiguration, defaultFormat: defaultFormat,
            allowsSQL: allowsSQL, allowsGitHub: allowsGitHub, allowsMarkdown: allowsMarkdown
        )
    }

    init(
        settings global: GlobalSettings, loadConfiguration: Bool = true, defaultFormat: OutputFormat = .text,
        allowsSQL: Bool = false, allowsGitHub: Bool = false, allowsMarkdown: Bool = false
    ) throws {
        let environment = CommandEnvironment.current
        self.global = global
        self.environment = environment
        var directory = environment.workingDirectory
        if let requested = global.directory {
            directory = requested.hasPrefix("/") ? requested : (directory as NSString).appendingPathComponent(requested)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ConfigurationError("-C \(requested): no such directory")
            }
        }
        directory = (directory as NSString).standardizingPath
        configuration = loadConfiguration
            ? try ProjectConfiguration.load(directory: directory, file: global.config)
            : ProjectConfiguration(directory: directory)
        let noColor = global.noColor || !(environment.variables["NO_COLOR"] ?? "").isEmpty
        let format = global.requestedFormat ?? defaultFormat
        if format == .sql && !allowsSQL {
            throw ConfigurationError("--format sql is only for `strata diff`", hint: "use --format text or --format json")
        }
        if format == .github && !allowsGitHub {
            throw ConfigurationError("--format github is only for `strata lint`", hint: "use --format text or --format json")
        }
        if format == .markdown && !allowsMarkdown {
            throw ConfigurationError("--format markdown is only for `strata diff` and `strata drift`", hint: "use --format text or --format json")
        }
        output = Output(
            format: format, useColor: !noColor && environment.outputIsTerminal && environment.variables["TERM"] != "dumb",
            quiet: global.quiet, verbose: global.verbose, environment: environment
        )
        PhaseTimeline.mark("configured")
    }

    var environmentName: String {
        global.env ?? environment.variables["STRATA_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "dev"
    }

    func resolveTarget() throws -> ResolvedTarget {
        try TargetResolver(
            configuration: configuration, environmentName: environmentName, urlFlag: global.url,
            variables: environment.variables
        ).resolve()
    }

    /// The migrations folder as messages show it (relative to the project).
    var migrationsDisplayPath: String {
        configuration.migrations
    }

    /// The migrations with the `pre:`, `post:` and `repeatable:` scripts around them.
    func migrator() throws -> Migrator {
        try Migrator(
            directory: MigrationDirectory(path: configuration.migrationsPath, displayPath: migrationsDisplayPath),
            configuration: configuration.migratorConfiguration, scripts: configuration.scripts()
        )
    }

    /// Refuses a destructive command on a protected environment unless forced.
    func requireUnprotected(_ target: ResolvedTarget, command: String, force: Bool) throws {
        if target.isProtected && !force {
            throw MigrationError(
                .protected, "environment \(target.environment) is protected; `strata \(command)` needs --force there",
                hint: "check that you mean \(target.settings?.redactedURL ?? target.environment), then add --force"
            )
        }
    }

    /// Connects to the target (starting the local cluster first when it is the target),
    /// runs `body`, and closes the session.
    func withSession<T: Sendable>(
        _ target: ResolvedTarget, _ body: (PostgresSession, ResolvedTarget) async throws -> T
    ) async throws -> T {
        var target = target
        let session: PostgresSession
        if let cluster = target.localCluster, let database = target.localDatabase {
            var status = try cluster.status()
            if !status.isRunning {
                output.progress(output.paint("Starting the local cluster in \(relative(cluster.directory))…", .gray))
                status = try await cluster.start()
            }
            let settings = cluster.settings(database: database)
            target.settings = settings
            target.displayURL = status.url(database: database)
            do {
                session = try await PostgresSession.connect(settings)
            } catch let error as DatabaseError where error.server?.sqlState == "3D000" {
                try await cluster.ensureDatabase(database)
                session = try await PostgresSession.connect(settings)
            }
        } else if let settings = target.settings {
            session = try await PostgresSession.connect(settings)
        } else {
            throw ConfigurationError("no database to connect to")
        }
        do {
            let result = try await body(session, target)
            await session.close(waiting: environment.waitsForClose)
            return result
        } catch {
            await session.close(waiting: environment.waitsForClose)
            throw error
        }
    }

    /// A path relative to the working directory when it is inside it.
    func relative(_ path: String) -> String {
        let base = environment.workingDirectory.hasSuffix("/") ? environment.workingDirectory : environment.workingDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
