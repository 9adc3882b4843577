/// The migration tools whose folders `strata adopt` converts into Strata files.
public enum AdoptFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case goose
    case dbmate
    case golangMigrate = "golang-migrate"
    case sqlx
    case flyway
    case diesel
    case popx

    /// Reads a format name as a user writes it: the raw value, case-insensitive, or a
    /// common alias (`migrate` and `golang_migrate` for golang-migrate, `pop` for popx).
    public init?(argument: String) {
        let lowered = argument.lowercased()
        if let format = AdoptFormat(rawValue: lowered) {
            self = format
            return
        }
        switch lowered {
        case "migrate", "golang_migrate", "golangmigrate": self = .golangMigrate
        case "pop": self = .popx
        default: return nil
        }
    }

    /// The tool's name as its authors write it.
    public var displayName: String {
        switch self {
        case .goose: "goose"
        case .dbmate: "dbmate"
        case .golangMigrate: "golang-migrate"
        case .sqlx: "sqlx"
        case .flyway: "Flyway"
        case .diesel: "Diesel"
        case .popx: "popx"
        }
    }

    /// The table in which the tool records what it applied, by default.
    public var historyTable: String {
        switch self {
        case .goose: "goose_db_version"
        case .dbmate, .golangMigrate: "schema_migrations"
        case .sqlx: "_sqlx_migrations"
        case .flyway: "flyway_schema_history"
        case .diesel: "__diesel_schema_migrations"
        case .popx: "schema_migration"
        }
    }

    /// Every format name, for messages: `goose, dbmate, …`.
    public static var knownList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
