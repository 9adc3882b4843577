import Foundation
import StrataFleet
import StrataPostgres

/// Turns `fleet.targets` in `strata.yaml`, or a targets file (`--targets FILE`), into
/// the fleet's entries: `${VAR}` expanded, URLs parsed, passwords filled in from
/// `PGPASSWORD` and `~/.pgpass` as for a single target.
struct FleetTargetResolver {
    let configuration: ProjectConfiguration
    let variables: [String: String]

    /// The entries of `file` (relative to the project) when given, else of `fleet.targets`.
    ///
    /// - Throws: ``ConfigurationError`` naming where a URL is written for an unset
    ///   variable or an unusable URL; ``FleetError`` for a malformed targets file.
    func specs(targetsFile file: String?) throws -> [FleetTargetSpec] {
        let passwordFile = TargetResolver(
            configuration: configuration, environmentName: "dev", urlFlag: nil, variables: variables
        ).passwordFileText()
        if let file {
            let path = configuration.resolve(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("the targets file \(file) cannot be read", hint: "check the path given to --targets")
            }
            let entries = try FleetTargetsFile.parse(String(decoding: data, as: UTF8.self), file: file)
            return try entries.map { entry in
                let settings = try parse(entry.url, setting: "the URL", file: file, line: entry.line, column: nil, passwordFile: passwordFile)
                return FleetTargetSpec(
                    settings: settings, selection: entry.schema.map { .schema($0) } ?? .database, origin: "\(file):\(entry.line)"
                )
            }
        }
        let configFile = configuration.file.map { ($0 as NSString).lastPathComponent } ?? "strata.yaml"
        guard let fleet = configuration.fleet, !fleet.targets.isEmpty else {
            throw ConfigurationError(
                "no fleet targets: \(configuration.file == nil ? "there is no strata.yaml" : "\(configFile) has no fleet.targets")",
                hint: "list them under fleet: targets: in strata.yaml (see `strata fleet --help`), or pass --targets FILE"
            )
        }
        return try fleet.targets.enumerated().map { number, target in
            let settings = try parse(
                target.url, setting: "fleet.targets[\(number + 1)].url", file: configFile, line: target.line, column: target.column,
                passwordFile: passwordFile
            )
            let selection: FleetTargetSpec.Selection = target.schemasQuery.map { .schemas(query: $0) } ?? target.schema.map { .schema($0) } ?? .database
            let origin = configFile + (target.line.map { ":\($0)" + (target.column.map { ":\($0)" } ?? "") } ?? "")
            return FleetTargetSpec(settings: settings, selection: selection, origin: origin)
        }
    }

    private func parse(
        _ raw: String, setting: String, file: String, line: Int?, column: Int?, passwordFile: String?
    ) throws -> ConnectionSettings {
        let expanded = try VariableExpansion.expand(raw, environment: variables, setting: setting, file: file, line: line, column: column)
        do {
            return try ConnectionSettings(url: expanded).fillingPassword(environment: variables, passwordFile: passwordFile)
        } catch let error as DatabaseError {
            throw ConfigurationError("\(setting) is not a usable connection URL: \(error.message)", hint: error.hint, file: file, line: line, column: column)
        }
    }
}
