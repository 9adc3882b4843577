import StrataFleet
import Yams

extension ProjectConfiguration {
    /// The `fleet:` key: the targets of `strata fleet` and how many run at once.
    ///
    /// ```yaml
    /// fleet:
    ///   parallel: 8
    ///   per_server: 4
    ///   targets:
    ///     - url: "${TENANT_A_URL}"
    ///     - url: "${SHARED_URL}"
    ///       schemas: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1"
    ///   waves:
    ///     - match: "tenant_00*"
    ///     - match: "*"
    /// ```
    public struct Fleet: Sendable {
        /// One entry of `fleet.targets`, as written (URLs are expanded when a fleet
        /// command runs, so that other commands never need the fleet's variables).
        public struct Target: Sendable {
            public var url: String
            /// `schemas:`: a query whose first column lists tenant schemas.
            public var schemasQuery: String?
            /// `schema:`: one tenant schema.
            public var schema: String?
            public var line: Int?
            public var column: Int?
        }

        /// Concurrent targets in all (`--parallel` overrides); nil: 4.
        public var parallel: Int?
        /// Concurrent targets per server (`--per-server` overrides).
        public var perServer: Int?
        /// A schema target's `search_path`, with `{schema}` for its quoted name.
        public var searchPath: String?
        /// `fleet down` needs --force.
        public var isProtected = false
        public var targets: [Target] = []
        public var waves: [FleetWave] = []
    }
}

extension ConfigurationReader {
    /// `fleet: { parallel, per_server, search_path, protected, targets: [{url, schemas | schema}], waves: [{match, parallel}] }`.
    func fleet(_ node: Node) throws -> ProjectConfiguration.Fleet {
        var result = ProjectConfiguration.Fleet()
        for (keyNode, value) in try mapping(node, key: "fleet") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "parallel": result.parallel = try positive(value, key: "fleet.parallel")
            case "per_server": result.perServer = try positive(value, key: "fleet.per_server")
            case "search_path":
                let text = try string(value, key: "fleet.search_path")
                guard text.contains("{schema}") else {
                    throw fail("fleet.search_path must name {schema}", value, hint: "for example \"{schema}, public\"")
                }
                result.searchPath = text
            case "protected": result.isProtected = try bool(value, key: "fleet.protected")
            case "targets":
                guard case .sequence(let entries) = value else {
                    throw fail("fleet.targets must be a list", value, hint: "targets:\n  - url: \"${TENANT_URL}\"")
                }
                result.targets = try entries.map(fleetTarget)
            case "waves":
                guard case .sequence(let entries) = value else {
                    throw fail("fleet.waves must be a list", value, hint: "waves: [{match: \"tenant_00*\"}, {match: \"*\"}]")
                }
                result.waves = try entries.map(fleetWave)
            default:
                throw fail("unknown key \"\(key)\" in fleet", keyNode, hint: "fleet has parallel, per_server, search_path, protected, targets and waves")
            }
        }
        return result
    }

    private func fleetTarget(_ node: Node) throws -> ProjectConfiguration.Fleet.Target {
        var url: String?
        var target = ProjectConfiguration.Fleet.Target(url: "", line: node.mark?.line, column: node.mark?.column)
        for (keyNode, value) in try mapping(node, key: "a fleet target") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "url":
                url = try string(value, key: "fleet.targets[].url")
                target.line = value.mark?.line
                target.column = value.mark?.column
            case "schemas": target.schemasQuery = try string(value, key: "fleet.targets[].schemas")
            case "schema": target.schema = try string(value, key: "fleet.targets[].schema")
            default:
                throw fail("unknown key \"\(key)\" in a fleet target", keyNode, hint: "a target has url, and schemas (a query) or schema")
            }
        }
        guard let url, !url.isEmpty else { throw fail("a fleet target needs url:", node, hint: "- url: \"${TENANT_URL}\"") }
        if target.schemasQuery != nil && target.schema != nil {
            throw fail("a fleet target has schemas (a query) or schema (one schema), not both", node)
        }
        if target.schemasQuery?.isEmpty == true || target.schema?.isEmpty == true {
            throw fail("a fleet target's schemas and schema must not be empty", node)
        }
        target.url = url
        return target
    }

    private func fleetWave(_ node: Node) throws -> FleetWave {
        if case .scalar = node {
            return FleetWave(match: FleetPattern(try nonEmpty(node, key: "a wave")))
        }
        var match: String?
        var parallel: Int?
        for (keyNode, value) in try mapping(node, key: "a wave") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "match": match = try nonEmpty(value, key: "fleet.waves[].match")
            case "parallel": parallel = try positive(value, key: "fleet.waves[].parallel")
            default: throw fail("unknown key \"\(key)\" in a wave", keyNode, hint: "a wave has match (a pattern) and parallel")
            }
        }
        guard let match else { throw fail("a wave needs match:", node, hint: "{match: \"tenant_00*\"}") }
        return FleetWave(match: FleetPattern(match), parallel: parallel)
    }

    private func nonEmpty(_ node: Node, key: String) throws -> String {
        let text = try string(node, key: key)
        guard !text.isEmpty else { throw fail("\(key) must not be empty", node) }
        return text
    }

    private func positive(_ node: Node, key: String) throws -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text), value >= 1 else { throw fail("\(key) must be a whole number of at least 1, not \"\(text)\"", node) }
        return value
    }
}
