import ArgumentParser

/// `strata fleet up|down|status|validate`: one migration set over many databases,
/// servers and tenant schemas, in parallel.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Run up, down, status or validate over many databases, servers and tenant schemas in parallel.",
        discussion: """
            Targets come from fleet.targets in strata.yaml (a url per database; with schemas: a query, one target \
            per tenant schema it returns) or from --targets FILE (a URL, or a URL and a schema, per line). Each \
            target's run is exactly the single-target command: validation, its own lock and history, batch or \
            each mode; a failure rolls back that target only. Exit 0 when every target succeeded, 1 when any \
            failed, 3 when none could be reached, 2 for a usage or configuration error.
            """,
        subcommands: [FleetUpCommand.self, FleetDownCommand.self, FleetStatusCommand.self, FleetValidateCommand.self]
    )
}
