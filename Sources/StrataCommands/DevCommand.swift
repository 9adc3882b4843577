import ArgumentParser
import StrataPostgres

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Manage the project's local PostgreSQL cluster (.strata/postgres).",
        discussion: """
            The cluster runs on a unix socket and a free 127.0.0.1 port; when Strata runs as root the \
            server runs as the postgres system user. Commands whose target resolves to the local cluster \
            start it automatically. Each environment without a url gets its own database on it, named \
            after the environment.
            """,
        subcommands: [Start.self, Stop.self, Status.self, URL.self, Destroy.self]
    )

    /// The project's cluster and the database of the selected environment.
    static func cluster(_ context: CommandContext) -> (LocalCluster, String) {
        (LocalCluster(directory: context.configuration.resolve(".strata/postgres")), context.environmentName)
    }

    struct Document: Encodable {
        var status: LocalClusterStatus
        var url: String?
        var database: String
    }

    static func render(_ status: LocalClusterStatus, database: String, context: CommandContext, lead: String) {
        let output = context.output
        if output.format == .json {
            output.result(JSON.encode(Document(status: status, url: status.isRunning ? status.url(database: database) : nil, database: database)))
            return
        }
        var text = lead
        if status.isRunning {
            text += "\n  url:     " + output.paint(status.url(database: database), .cyan)
            text += "\n  socket:  \(status.socketDirectory ?? "")"
            text += "\n  pid:     \(status.pid.map(String.init) ?? "")"
            text += "\n  version: PostgreSQL \(status.majorVersion.map(String.init) ?? "?")"
        }
        text += "\n  data:    \(context.relative(status.dataDirectory))"
        output.result(text)
    }

    struct Start: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Create the cluster if needed and start it.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let (cluster, database) = DevCommand.cluster(context)
            let wasRunning = try cluster.status().isRunning
            let status = try await cluster.start()
            try await cluster.ensureDatabase(database)
            DevCommand.render(status, database: database, context: context, lead: wasRunning ? "The local cluster is already running." : "Started the local cluster.")
        }
    }

    struct Stop: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the cluster (its data stays).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let (cluster, database) = DevCommand.cluster(context)
            let wasRunning = try cluster.status().isRunning
            try await cluster.stop()
            DevCommand.render(try cluster.status(), database: database, context: context, lead: wasRunning ? "Stopped the local cluster." : "The local cluster is not running.")
        }
    }

    struct Status: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the cluster exists and runs, and where.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let (cluster, database) = DevCommand.cluster(context)
            let status = try cluster.status()
            let lead = status.isRunning ? "The local cluster is running."
                : status.isInitialized ? "The local cluster is stopped." : "There is no local cluster yet; `strata dev start` creates it."
            DevCommand.render(status, database: database, context: context, lead: lead)
        }
    }

    struct URL: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(
            commandName: "url", abstract: "Print the URL of the environment's database on the cluster (starting it if needed)."
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let (cluster, database) = DevCommand.cluster(context)
            var status = try cluster.status()
            if !status.isRunning { status = try await cluster.start() }
            try await cluster.ensureDatabase(database)
            if context.output.format == .json {
                DevCommand.render(status, database: database, context: context, lead: "")
            } else {
                context.output.result(status.url(database: database))
            }
        }
    }

    struct Destroy: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(commandName: "destroy", abstract: "Stop the cluster and delete it with all its data.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let (cluster, database) = DevCommand.cluster(context)
            let existed = try cluster.status().isInitialized
            try await cluster.destroy()
            DevCommand.render(try cluster.status(), database: database, context: context, lead: existed ? "Destroyed the local cluster and its data." : "There was no local cluster.")
        }
    }
}
