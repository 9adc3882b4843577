import Foundation
import StrataMigrate
import StrataModels
import StrataLint
import StrataSchema
import Yams

/// The project's `strata.yaml` (DESIGN §6), with every key optional.
public struct ProjectConfiguration: Sendable {
    /// How `strata new` numbers migrations.
    public enum Versioning: String, Sendable, CaseIterable {
        case timestamp, sequential
    }

    /// One named target.
    public struct Environment: Sendable {
        public var name: String
        /// The URL as written, before `${VAR}` expansion.
        public var url: String?
        public var isProtected: Bool
        /// Where `url` is written, for error messages.
        public var urlLocation: (line: Int, column: Int)?
    }

    /// The project folder (where `strata.yaml` is, or would be).
    public var directory: String
    /// The configuration file, when one was read.
    public var file: String?
    public var migrations = "migrations"
    public var schema = "schema"
    public var historySchema = "public"
    public var versioning = Versioning.timestamp
    public var transaction = MigratorConfiguration.TransactionMode.batch
    public var lockTimeout: Duration? = .seconds(10)
    public var statementTimeout: Duration?
    public var lockWait: Duration = .seconds(60)
    /// A server where Strata may create scratch databases (as written, before `${VAR}`
    /// expansion); nil: the local cluster.
    public var scratchURL: String?
    public var scratchURLLocation: (line: Int, column: Int)?
    public var environments: [String: Environment] = ["dev": Environment(name: "dev", url: nil, isProtected: false)]
    /// `compare: {privileges, owners}`: what every command that compares schemas reads
    /// and compares besides the objects (privileges yes, owners no, by default).
    public var comparison = ComparisonScope.default
    /// Layered YAML models compiled into the desired schema (docs/models.md); nil when
    /// the desired schema is written as SQL.
    public var models: Models?
    /// The `codegen:` key (docs/codegen.md).
    public var codegen = Codegen()
    /// `pre:` files (as written, relative to the project): run at the start of every `up`
    /// and before every scratch replay and schema load.
    public var pre: [String] = []
    /// `post:` files: run at the end of every `up` and after every replay and schema load.
    public var post: [String] = []
    /// `repeatable:` folder of scripts re-run whenever they change; nil: none.
    public var repeatable: String?
    /// The `backup:` key: backups before `up`, their folder and how many to keep.
    public var backup = Backup()
    /// The `fleet:` key (`strata fleet`); nil when absent.
    public var fleet: Fleet?

    /// `codegen: {queries: queries, output: Sources/App/Database.swift, namespace: Database, types: {jsonb: MyJSON}}`.
    public struct Codegen: Sendable, Equatable {
        /// The folder of named queries.
        public var queries = "queries"
        /// The Swift file written; nil until configured (`--output` may give it).
        public var output: String?
        /// The struct that holds the generated code.
        public var namespace = "Database"
        /// PostgreSQL type names → Swift types of the user's.
        public var types: [String: String] = [:]
    }

    /// The `lint:` key (docs/lint.md).
    public var lint = Lint()

    /// The `docs:` key: where `strata docs` writes.
    public var docs = Docs()

    /// `docs: {output: docs/schema, migrations: docs/migrations}`.
    public struct Docs: Sendable, Equatable {
        /// The folder of the schema's pages.
        public var output = "docs/schema"
        /// The folder of migration records; nil: `strata generate` writes none, and
        /// `strata docs --migrations` writes to `docs/migrations`.
        public var migrations: String?
    }

    /// `lint: off|warn|error` or `lint: {up: off|warn|error, rules: {CODE: error|warning|off}, postgres_version: 15}`.
    public struct Lint: Sendable {
        /// What `strata up` does with the findings of the files it is about to apply.
        public enum UpMode: String, Sendable, CaseIterable {
            /// Does not lint.
            case off
            /// Prints the findings as warnings and applies the files.
            case warn
            /// Prints them, and applies nothing when one is an error (exit 4).
            case error
        }

        public var up = UpMode.warn
        public var severities: [LintRule: LintSeverity] = [:]
        /// The PostgreSQL major version to lint for; nil: the target's, else 13.
        public var postgresVersion: Int?
    }

    /// The linter's configuration for files that run on a server of `serverVersion` (a major
    /// version) when one is known.
    public func lintConfiguration(serverVersion: Int? = nil) -> LintConfiguration {
        LintConfiguration(
            severities: lint.severities,
            postgresVersion: lint.postgresVersion ?? serverVersion ?? LintConfiguration.defaultPostgresVersion,
            lockTimeoutConfigured: lockTimeout != nil,
            transactionMode: transaction == .each ? .each : .batch
        )
    }

    /// The `models:` key.
    public struct Models: Sendable {
        /// Layer folders as written, earliest first.
        public var layers: [String]
        /// The generated file as written; nil: `<schema>/models.sql`.
        public var output: String?
        public var naming = NamingConventions.default
    }

    /// The generated models file as written (relative to the project).
    public var modelsOutput: String {
        models?.output ?? (schema as NSString).appendingPathComponent("models.sql")
    }

    public init(directory: String) {
        self.directory = directory
    }

    /// The migrations folder as an absolute path.
    public var migrationsPath: String { resolve(migrations) }
    public var schemaPath: String { resolve(schema) }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// Reads the `pre:`, `post:` and `repeatable:` scripts.
    ///
    /// - Throws: ``MigrationError`` (`configuration`) when a configured file or the folder
    ///   does not exist.
    public func scripts() throws -> MigrationScripts {
        guard !pre.isEmpty || !post.isEmpty || repeatable != nil else { return .none }
        func location(_ path: String) -> MigrationScripts.Location {
            MigrationScripts.Location(path: resolve(path), displayPath: path)
        }
        return try MigrationScripts.load(
            pre: pre.map(location), post: post.map(location), repeatableFolder: repeatable.map(location)
        )
    }

    public var migratorConfiguration: MigratorConfiguration {
        MigratorConfiguration(
            historySchema: historySchema, transactionMode: transaction, lockTimeout: lockTimeout,
            statementTimeout: statementTimeout, lockWait: lockWait
        )
    }
}

extension ProjectConfiguration {
    /// Reads `file` (or `<directory>/strata.yaml` if it exists; defaults otherwise).
    ///
    /// - Throws: ``ConfigurationError`` naming the file, line and column of a YAML
    ///   syntax error, an unknown key or a bad value.
    public static func load(directory: String, file explicitFile: String?) throws -> ProjectConfiguration {
        var configuration = ProjectConfiguration(directory: directory)
        let path = explicitFile.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) }
            ?? (directory as NSString).appendingPathComponent("strata.yaml")
        guard FileManager.default.fileExists(atPath: path) else {
            if let explicitFile {
                throw ConfigurationError("the configuration file \(explicitFile) does not exist", hint: "check --config, or run `strata init`")
            }
            return configuration
        }
        let shown = explicitFile ?? "strata.yaml"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("\(shown) cannot be read as UTF-8 text", file: shown)
        }
        if explicitFile != nil {
            configuration.directory = (path as NSString).deletingLastPathComponent
        }
        configuration.file = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error, file: shown)
        }
        guard let root else { return configuration }
        var reader = ConfigurationReader(file: shown)
        try reader.read(root, into: &configuration)
        return configuration
    }

    static func describe(_ error: YamlError, file: String) -> ConfigurationError {
        let failure = YAMLReadFailure(error)
        return ConfigurationError(failure.message, file: file, line: failure.line, column: failure.column)
    }
}

/// Walks the YAML node tree, checking every key and value with its position.
struct ConfigurationReader {
    let file: String

    func fail(_ message: String, _ node: Node, hint: String? = nil) -> ConfigurationError {
        ConfigurationError(message, hint: hint, file: file, line: node.mark?.line, column: node.mark?.column)
    }

    func string(_ node: Node, key: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw fail("\(key) must be a text value", node)
        }
        return scalar.string
    }

    func bool(_ node: Node, key: String) throws -> Bool {
        guard let value = node.bool else { throw fail("\(key) must be true or false", node) }
        return value
    }

    func duration(_ node: Node, key: String) throws -> Duration {
        let text = try string(node, key: key)
        guard let value = DurationParser.parse(text) else {
            throw fail("\(key) is not a duration: \"\(text)\"", node, hint: "write it like 500ms, 10s, 2min or 1h")
        }
        return value
    }

    /// A path or a list of paths (`pre: db/schema_pre.sql` or `pre: [a.sql, b.sql]`).
    func paths(_ node: Node, key: String) throws -> [String] {
        if case .sequence(let sequence) = node {
            return try sequence.map { item in
                let path = try string(item, key: "each path in \(key)")
                if path.isEmpty { throw fail("\(key) holds an empty path", item) }
                return path
            }
        }
        let path = try string(node, key: key)
        if path.isEmpty { throw fail("\(key) must name a file or a list of files", node) }
        return [path]
    }

    func mapping(_ node: Node, key: String) throws -> Node.Mapping {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            return Node.Mapping([])
        }
        guard case .mapping(let mapping) = node else { throw fail("\(key) must be a mapping (key: value lines)", node) }
        return mapping
    }

    mutating func read(_ root: Node, into configuration: inout ProjectConfiguration) throws {
        let top = try mapping(root, key: "the file")
        let known = [
            "migrations", "schema", "history_schema", "versioning", "transaction", "lock_timeout",
            "statement_timeout", "lock_wait", "scratch_url", "environments", "models", "compare", "lint", "codegen",
            "pre", "post", "repeatable",
            "backup", "fleet", "docs",
        ]
        for (keyNode, value) in top {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "migrations": configuration.migrations = try string(value, key: key)
            case "schema": configuration.schema = try string(value, key: key)
            case "history_schema":
                configuration.historySchema = try string(value, key: key)
                if configuration.historySchema.isEmpty { throw fail("history_schema must not be empty", value) }
            case "versioning":
                let text = try string(value, key: key)
                guard let versioning = ProjectConfiguration.Versioning(rawValue: text) else {
                    throw fail("versioning must be timestamp or sequential, not \"\(text)\"", value)
                }
                configuration.versioning = versioning
            case "transaction":
                let text = try string(value, key: key)
                guard let mode = MigratorConfiguration.TransactionMode(rawValue: text) else {
                    throw fail("transaction must be batch or each, not \"\(text)\"", value)
                }
                configuration.transaction = mode
            case "lock_timeout":
                let duration = try self.duration(value, key: key)
                configuration.lockTimeout = duration == .zero ? nil : duration
            case "statement_timeout":
                let duration = try self.duration(value, key: key)
                configuration.statementTimeout = duration == .zero ? nil : duration
            case "lock_wait":
                configuration.lockWait = try duration(value, key: key)
            case "scratch_url":
                configuration.scratchURL = try string(value, key: key)
                configuration.scratchURLLocation = value.mark.map { ($0.line, $0.column) }
            case "models":
                configuration.models = try models(value)
            case "compare":
                configuration.comparison = try comparison(value)
            case "lint":
                configuration.lint = try lint(value)
            case "codegen":
                configuration.codegen = try codegen(value)
            case "pre":
                configuration.pre = try paths(value, key: key)
            case "post":
                configuration.post = try paths(value, key: key)
            case "repeatable":
                let folder = try string(value, key: key)
                if folder.isEmpty { throw fail("repeatable must name a folder", value) }
                configuration.repeatable = folder
            case "backup":
                configuration.backup = try backup(value)
            case "fleet":
                configuration.fleet = try fleet(value)
            case "docs":
                for (docsKey, docsValue) in try mapping(value, key: key) {
                    let name = try string(docsKey, key: "a key")
                    switch name {
                    case "output": configuration.docs.output = try string(docsValue, key: "docs.output")
                    case "migrations": configuration.docs.migrations = try string(docsValue, key: "docs.migrations")
                    default: throw fail("unknown key \"\(name)\" in docs", docsKey, hint: "docs has output and migrations (folders)")
                    }
                }
            case "environments":
                configuration.environments = [:]
                for (nameNode, body) in try mapping(value, key: key) {
                    let name = try string(nameNode, key: "an environment name")
                    configuration.environments[name] = try environment(name, body)
                }
            default:
                throw fail("unknown key \"\(key)\"", keyNode, hint: "known keys: " + known.joined(separator: ", "))
            }
        }
    }

    /// `models: [dir, …]` or `models: { layers: [...], output: file, naming: {...} }`.
    func models(_ node: Node) throws -> ProjectConfiguration.Models {
        func layers(_ node: Node) throws -> [String] {
            guard case .sequence(let sequence) = node, !sequence.isEmpty else {
                throw fail("models must list the layer folders, earliest first", node, hint: "models: [models/shared, models/domain, models/app]")
            }
            return try sequence.map { try string($0, key: "a layer folder") }
        }
        if case .sequence = node { return ProjectConfiguration.Models(layers: try layers(node)) }
        var result = ProjectConfiguration.Models(layers: [])
        var sawLayers = false
        for (keyNode, value) in try mapping(node, key: "models") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "layers":
                result.layers = try layers(value)
                sawLayers = true
            case "output":
                result.output = try string(value, key: "models.output")
            case "naming":
                for (nameNode, template) in try mapping(value, key: "models.naming") {
                    let name = try string(nameNode, key: "a naming key")
                    let text = try string(template, key: "models.naming.\(name)")
                    var rest = Substring(text)
                    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                        let placeholder = String(rest[rest.index(after: open)..<close])
                        guard NamingConventions.placeholders.contains(placeholder) else {
                            throw fail(
                                "unknown placeholder {\(placeholder)} in models.naming.\(name)", template,
                                hint: "placeholders: " + NamingConventions.placeholders.map { "{\($0)}" }.joined(separator: ", ")
                            )
                        }
                        rest = rest[rest.index(after: close)...]
                    }
                    switch name {
                    case "primary_key": result.naming.primaryKey = text
                    case "index": result.naming.index = text
                    case "unique": result.naming.unique = text
                    case "foreign_key": result.naming.foreignKey = text
                    case "check": result.naming.check = text
                    default:
                        throw fail("unknown key \"\(name)\" in models.naming", nameNode, hint: "known keys: primary_key, index, unique, foreign_key, check")
                    }
                }
            default:
                throw fail("unknown key \"\(key)\" in models", keyNode, hint: "models has layers, output and naming")
            }
        }
        if !sawLayers { throw fail("models needs layers:", node, hint: "layers: [models/shared, models/domain, models/app]") }
        return result
    }

    /// `lint: off|warn|error` or `lint: { up: …, rules: { CODE: error|warning|off }, postgres_version: N }`.
    func lint(_ node: Node) throws -> ProjectConfiguration.Lint {
        var result = ProjectConfiguration.Lint()
        func upMode(_ node: Node, key: String) throws -> ProjectConfiguration.Lint.UpMode {
            let text = try string(node, key: key)
            guard let mode = ProjectConfiguration.Lint.UpMode(rawValue: text) else {
                throw fail("\(key) must be off, warn or error, not \"\(text)\"", node, hint: "off: up does not lint; warn: up prints findings; error: up stops on error findings")
            }
            return mode
        }
        if case .scalar = node {
            result.up = try upMode(node, key: "lint")
            return result
        }
        for (keyNode, value) in try mapping(node, key: "lint") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "up":
                result.up = try upMode(value, key: "lint.up")
            case "postgres_version":
                let text = try string(value, key: "lint.postgres_version")
                guard let version = Int(text), (9...99).contains(version) else {
                    throw fail("lint.postgres_version must be a major version such as 15, not \"\(text)\"", value)
                }
                result.postgresVersion = version
            case "rules":
                for (codeNode, severityNode) in try mapping(value, key: "lint.rules") {
                    let code = try string(codeNode, key: "a rule code")
                    guard let rule = LintRule(rawValue: code) else {
                        throw fail("unknown lint rule \"\(code)\" in lint.rules", codeNode, hint: "`strata lint --rules` lists the codes; docs/lint.md describes them")
                    }
                    let text = try string(severityNode, key: "lint.rules.\(code)")
                    guard let severity = LintSeverity(rawValue: text) else {
                        throw fail("lint.rules.\(code) must be error, warning or off, not \"\(text)\"", severityNode)
                    }
                    result.severities[rule] = severity
                }
            default:
                throw fail("unknown key \"\(key)\" in lint", keyNode, hint: "lint has up, rules and postgres_version")
            }
        }
        return result
    }

    /// `codegen: { queries: folder, output: file, namespace: Name, types: { pg_type: SwiftType } }`.
    func codegen(_ node: Node) throws -> ProjectConfiguration.Codegen {
        var result = ProjectConfiguration.Codegen()
        for (keyNode, value) in try mapping(node, key: "codegen") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "queries": result.queries = try string(value, key: "codegen.queries")
            case "output": result.output = try string(value, key: "codegen.output")
            case "namespace":
                let name = try string(value, key: "codegen.namespace")
                guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw fail("codegen.namespace must be a Swift type name, not \"\(name)\"", value)
                }
                result.namespace = name
            case "types":
                for (typeNode, swiftNode) in try mapping(value, key: "codegen.types") {
                    let type = try string(typeNode, key: "a PostgreSQL type name")
                    result.types[type] = try string(swiftNode, key: "codegen.types.\(type)")
                }
            default:
                throw fail("unknown key \"\(key)\" in codegen", keyNode, hint: "codegen has queries, output, namespace and types")
            }
        }
        return result
    }

    /// `compare: { privileges: true|false, owners: true|false }`.
    func comparison(_ node: Node) throws -> ComparisonScope {
        var result = ComparisonScope.default
        for (keyNode, value) in try mapping(node, key: "compare") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "privileges": result.privileges = try bool(value, key: "compare.privileges")
            case "owners": result.owners = try bool(value, key: "compare.owners")
            default:
                throw fail("unknown key \"\(key)\" in compare", keyNode, hint: "compare has privileges and owners (true or false)")
            }
        }
        return result
    }

    func environment(_ name: String, _ node: Node) throws -> ProjectConfiguration.Environment {
        var environment = ProjectConfiguration.Environment(name: name, url: nil, isProtected: false)
        for (keyNode, value) in try mapping(node, key: "environment \(name)") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "url":
                environment.url = try string(value, key: "environments.\(name).url")
                environment.urlLocation = value.mark.map { ($0.line, $0.column) }
            case "protected":
                environment.isProtected = try bool(value, key: "environments.\(name).protected")
            default:
                throw fail("unknown key \"\(key)\" in environment \(name)", keyNode, hint: "an environment has url and protected")
            }
        }
        return environment
    }
}
