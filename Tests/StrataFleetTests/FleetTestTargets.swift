import StrataFleet
import StrataPostgres

/// Targets made from plain values for the pure tests: no server is contacted.
enum FleetTestTargets {
    static func settings(host: String = "db1", port: Int = 5432, database: String = "app") -> ConnectionSettings {
        ConnectionSettings(endpoint: .tcp(host: host, port: port), user: "postgres", database: database)
    }

    static func database(_ name: String, host: String = "db1", port: Int = 5432) -> FleetTarget {
        FleetTarget(settings: settings(host: host, port: port, database: name), origin: "test")
    }

    static func tenant(_ schema: String, database: String = "shared", host: String = "db1", port: Int = 5432) -> FleetTarget {
        FleetTarget(settings: settings(host: host, port: port, database: database), schema: schema, origin: "test")
    }

    /// A listing of `targets` as one configured entry each.
    static func listings(_ targets: [FleetTarget]) -> [FleetPlan.Listing] {
        targets.map { target in
            let selection: FleetTargetSpec.Selection = target.schema.map { .schema($0) } ?? .database
            return .listed(FleetTargetSpec(settings: target.settings, selection: selection, origin: target.origin), [target])
        }
    }
}
