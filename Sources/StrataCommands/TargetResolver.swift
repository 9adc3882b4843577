import Foundation
import StrataPostgres

/// Picks the target database, first match wins (DESIGN §6): `--url`; the environment's
/// `url` (with `${VAR}` expanded); `DATABASE_URL`; libpq variables; `DB_*` variables;
/// then, for a non-protected environment, the project's local cluster.
public struct TargetResolver: Sendable {
    public var configuration: ProjectConfiguration
    public var environmentName: String
    public var urlFlag: String?
    public var variables: [String: String]

    public init(configuration: ProjectConfiguration, environmentName: String, urlFlag: String?, variables: [String: String]) {
        self.configuration = configuration
        self.environmentName = environmentName
        self.urlFlag = urlFlag
        self.variables = variables
    }

    /// - Throws: ``ConfigurationError`` for an unknown environment, an unset variable,
    ///   a malformed URL (never echoing a password), or a protected environment
    ///   without a URL.
    public func resolve() throws -> ResolvedTarget {
        let environment = try selectedEnvironment()
        var target = ResolvedTarget(
            environment: environment.name, isProtected: environment.isProtected, source: .localCluster
        )
        if let urlFlag {
            target.source = .flag
            target.settings = try parse(urlFlag, what: "--url")
        } else if let raw = environment.url {
            let expanded = try VariableExpansion.expand(
                raw, environment: variables, setting: "environments.\(environment.name).url",
                file: configuration.file.map { ($0 as NSString).lastPathComponent },
                line: environment.urlLocation?.line, column: environment.urlLocation?.column
            )
            target.source = .environmentURL
            target.settings = try parse(expanded, what: "the url of environment \(environment.name)")
        } else if let url = variables["DATABASE_URL"], !url.isEmpty {
            target.source = .databaseURL
            target.settings = try parse(url, what: "DATABASE_URL")
        } else if let settings = try settingsFromVariables(ConnectionSettings.fromLibpqEnvironment, what: "the PG* variables") {
            target.source = .libpq
            target.settings = settings
        } else if let settings = try settingsFromVariables(ConnectionSettings.fromDBEnvironment, what: "the DB_* variables") {
            target.source = .dbVariables
            target.settings = settings
        } else {
            guard !environment.isProtected else {
                throw ConfigurationError(
                    "environment \(environment.name) is protected and names no database",
                    hint: "set its url in strata.yaml, or DATABASE_URL; protected environments never use the local cluster"
                )
            }
            target.localCluster = LocalCluster(directory: configuration.resolve(".strata/postgres"))
            target.localDatabase = environment.name
            return target
        }
        target.settings = target.settings?.fillingPassword(environment: variables, passwordFile: passwordFileText())
        return target
    }

    func selectedEnvironment() throws -> ProjectConfiguration.Environment {
        if let environment = configuration.environments[environmentName] { return environment }
        if configuration.environments.isEmpty && environmentName == "dev" {
            return ProjectConfiguration.Environment(name: "dev", url: nil, isProtected: false)
        }
        let known = configuration.environments.keys.sorted()
        throw ConfigurationError(
            "unknown environment \"\(environmentName)\"",
            hint: known.isEmpty ? "define it under environments: in strata.yaml" : "known environments: " + known.joined(separator: ", "),
            file: configuration.file.map { ($0 as NSString).lastPathComponent }
        )
    }

    private func parse(_ url: String, what: String) throws -> ConnectionSettings {
        do {
            return try ConnectionSettings(url: url)
        } catch let error as DatabaseError {
            throw ConfigurationError("\(what) is not a usable connection URL: \(error.message)", hint: error.hint)
        }
    }

    private func settingsFromVariables(
        _ read: ([String: String], ConnectionDefaults) throws -> ConnectionSettings?, what: String
    ) throws -> ConnectionSettings? {
        do {
            return try read(variables, .system)
        } catch let error as DatabaseError {
            throw ConfigurationError("\(what) do not make a usable connection: \(error.message)", hint: error.hint)
        }
    }

    func passwordFileText() -> String? {
        let path = variables["PGPASSFILE"] ?? variables["HOME"].map { $0 + "/.pgpass" }
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        // libpq ignores a password file that others can read; so do we.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            return nil
        }
        return String(data: data, encoding: .utf8)
    }
}
