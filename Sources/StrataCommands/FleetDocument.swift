import StrataFleet
import StrataMigrate

/// `strata fleet … --format json` (a contract): every target with its outcome, the
/// counts, and the exit status. Keys are always present (null when unknown).
struct FleetDocument: Encodable {
    struct Target: Encodable {
        var target: String
        var schema: String?
        var server: String
        var database: String
        var path: String
        var origin: String
        var wave: Int
        var outcome: FleetOutcome
        var applied: Int
        var reverted: Int
        var pending: Int?
        var problems: Int?
        var durationMs: Int
        var error: ErrorRenderer.Document.ErrorBody?
        var migrations: [MigrationRunReport.Entry]?
        var skipReason: String?

        enum CodingKeys: String, CodingKey {
            case target, schema, server, database, path, origin, wave, outcome, applied, reverted, pending, problems
            case durationMs = "duration_ms", error, migrations, skipReason = "skip_reason"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(target, forKey: .target)
            try container.encode(schema, forKey: .schema)
            try container.encode(server, forKey: .server)
            try container.encode(database, forKey: .database)
            try container.encode(path, forKey: .path)
            try container.encode(origin, forKey: .origin)
            try container.encode(wave, forKey: .wave)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(applied, forKey: .applied)
            try container.encode(reverted, forKey: .reverted)
            try container.encode(pending, forKey: .pending)
            try container.encode(problems, forKey: .problems)
            try container.encode(durationMs, forKey: .durationMs)
            try container.encode(error, forKey: .error)
            try container.encode(migrations, forKey: .migrations)
            try container.encode(skipReason, forKey: .skipReason)
        }
    }

    struct Summary: Encodable {
        var summary: FleetSummary
        var exitCode: Int32
        var stopReason: FleetStopReason?

        enum CodingKeys: String, CodingKey {
            case targets, unreachable, migrationsApplied = "migrations_applied", migrationsReverted = "migrations_reverted"
            case durationMs = "duration_ms", exitCode = "exit_code", stopped, stopReason = "stop_reason"
        }

        struct OutcomeKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary.targets, forKey: .targets)
            try container.encode(summary.unreachable, forKey: .unreachable)
            try container.encode(summary.migrationsApplied, forKey: .migrationsApplied)
            try container.encode(summary.migrationsReverted, forKey: .migrationsReverted)
            try container.encode(summary.durationMs, forKey: .durationMs)
            try container.encode(exitCode, forKey: .exitCode)
            try container.encode(stopReason?.code, forKey: .stopped)
            try container.encode(stopReason?.description, forKey: .stopReason)
            var outcomes = encoder.container(keyedBy: OutcomeKey.self)
            for outcome in FleetOutcome.allCases {
                try outcomes.encode(summary[outcome], forKey: OutcomeKey(stringValue: Self.key(outcome)))
            }
        }

        /// `up-to-date` as `up_to_date`, so that every key is a plain name.
        static func key(_ outcome: FleetOutcome) -> String {
            outcome.rawValue.replacingOccurrences(of: "-", with: "_")
        }
    }

    var action: String
    var targets: [Target]
    var summary: Summary
    var emptyListings: [String]

    enum CodingKeys: String, CodingKey {
        case action, targets, summary, emptyListings = "empty_listings"
    }

    init(_ report: FleetReport, exitCode: Int32, errors: ErrorRenderer) {
        action = report.action
        targets = report.targets.map { result in
            Target(
                target: result.target.url, schema: result.target.schema, server: result.target.server,
                database: result.target.database, path: result.target.path, origin: result.target.origin,
                wave: result.wave + 1, outcome: result.outcome, applied: result.applied, reverted: result.reverted,
                pending: result.pending, problems: result.problems, durationMs: result.durationMs,
                error: result.error.map { errors.describe($0).0.error }, migrations: result.report?.migrations,
                skipReason: result.skipReason?.description
            )
        }
        summary = Summary(summary: report.summary, exitCode: exitCode, stopReason: report.stopReason)
        emptyListings = report.emptyListings
    }
}
