/// How a fleet runs: how many targets at once, in what waves, and when it stops.
public struct FleetOptions: Sendable, Hashable {
    /// At most this many targets run at once (each holds one session).
    public var parallel: Int
    /// At most this many targets at once on one server (``FleetTarget/server``); nil: no
    /// limit beyond ``parallel``.
    public var perServer: Int?
    /// The run starts no new target once this many have failed (targets already running
    /// finish); nil never stops. The default, 1, stops after the first failure.
    public var maxFailures: Int?
    /// Waves in order; empty: one wave of every target.
    public var waves: [FleetWave]
    /// The `search_path` of a schema target's session, with `{schema}` standing for the
    /// schema's quoted name: `{schema}` (the default) or, say, `{schema}, public` for
    /// extensions installed in `public`.
    public var searchPath: String

    public init(
        parallel: Int = 4, perServer: Int? = nil, maxFailures: Int? = 1, waves: [FleetWave] = [],
        searchPath: String = FleetOptions.defaultSearchPath
    ) {
        self.parallel = parallel
        self.perServer = perServer
        self.maxFailures = maxFailures
        self.waves = waves
        self.searchPath = searchPath
    }

    /// `{schema}`: a tenant's session sees its own schema only.
    public static let defaultSearchPath = "{schema}"

    /// Checks the limits and the search path template.
    ///
    /// - Throws: ``FleetError`` (`configuration`) naming the setting.
    public func validate() throws {
        if parallel < 1 { throw FleetError(.configuration, "parallel must be at least 1, not \(parallel)") }
        if let perServer, perServer < 1 { throw FleetError(.configuration, "per_server must be at least 1, not \(perServer)") }
        if let maxFailures, maxFailures < 1 {
            throw FleetError(.configuration, "max failures must be at least 1, not \(maxFailures)", hint: "to never stop, continue on error")
        }
        for (index, wave) in waves.enumerated() {
            if wave.match.text.isEmpty { throw FleetError(.configuration, "wave \(index + 1) has an empty match pattern") }
            if let limit = wave.parallel, limit < 1 {
                throw FleetError(.configuration, "wave \(index + 1) (\(wave.match)): parallel must be at least 1, not \(limit)")
            }
        }
        if !searchPath.contains("{schema}") {
            throw FleetError(
                .configuration, "search_path \"\(searchPath)\" does not name {schema}",
                hint: "a tenant's objects must go to its schema: write {schema} first, e.g. \"{schema}, public\""
            )
        }
    }
}
