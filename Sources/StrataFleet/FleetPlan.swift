/// The targets of a fleet run: listed (schema queries already answered), narrowed by
/// `--only`, checked for duplicates and put into waves. Pure: built from values.
public struct FleetPlan: Sendable {
    /// What listing one configured entry gave.
    public enum Listing: Sendable {
        /// The entry's targets (one for a database or schema entry, one per row of a
        /// schemas query), in the order listed.
        case listed(FleetTargetSpec, [FleetTarget])
        /// The schemas query could not run (the server is unreachable, the query fails).
        case failed(FleetTargetSpec, FleetError)
    }

    /// An entry whose schemas could not be listed: reported as one failed target.
    public struct ListingFailure: Sendable {
        /// The entry's database, standing for its unknown tenants.
        public var target: FleetTarget
        /// Why the listing failed (``FleetError/underlying`` holds the connection or server error).
        public var error: FleetError
    }

    /// The targets to run, in listed order.
    public private(set) var targets: [FleetTarget]
    /// The wave of each target (an index into ``waveDefinitions``; 0 without waves).
    public private(set) var waves: [Int]
    /// The waves as configured.
    public let waveDefinitions: [FleetWave]
    /// Entries whose schemas could not be listed. They count as failed targets; they are
    /// kept whatever `--only` says, since their tenants are unknown.
    public private(set) var listingFailures: [ListingFailure]
    /// Where schema queries returned no schema at all (named in the output, so that an
    /// empty fleet is never mistaken for a migrated one).
    public private(set) var emptyListings: [String]

    /// - Parameters:
    ///   - listings: every configured entry, listed.
    ///   - only: keep the targets any of these patterns matches (all when empty).
    ///   - waves: the waves; empty for one wave of everything.
    /// - Throws: ``FleetError``: `duplicateTarget` for a target listed twice, `noMatch` when
    ///   `only` keeps none of several targets, `unmatchedTargets` for targets no wave takes.
    public init(listings: [Listing], only: [FleetPattern] = [], waves: [FleetWave] = []) throws {
        var targets: [FleetTarget] = []
        var failures: [ListingFailure] = []
        var empty: [String] = []
        var seen: [String: String] = [:]
        for listing in listings {
            switch listing {
            case .failed(let spec, let error):
                failures.append(ListingFailure(target: spec.databaseTarget, error: error))
            case .listed(let spec, let listed):
                if listed.isEmpty, case .schemas = spec.selection { empty.append(spec.origin) }
                for target in listed {
                    if let first = seen[target.path] {
                        throw FleetError(
                            .duplicateTarget, "\(target.path) is listed twice (first at \(first))",
                            hint: "list each database and schema once; a schemas query and a schema entry may overlap",
                            origin: target.origin
                        )
                    }
                    seen[target.path] = target.origin
                    targets.append(target)
                }
            }
        }
        if !only.isEmpty {
            let before = targets.count
            targets = targets.filter { target in only.contains { $0.matches(target) } }
            if targets.isEmpty && before > 0 {
                throw FleetError(
                    .noMatch, "--only \(only.map(\.text).joined(separator: ", ")) matches none of the \(before) targets",
                    hint: "patterns match a target's schema or database name, database/schema, or server/database/schema; * and ? are wildcards"
                )
            }
        }
        self.targets = targets
        self.waveDefinitions = waves
        self.listingFailures = failures
        self.emptyListings = empty
        self.waves = try Self.assign(targets, to: waves)
    }

    /// Each target's wave: the first whose pattern matches it.
    static func assign(_ targets: [FleetTarget], to waves: [FleetWave]) throws -> [Int] {
        guard !waves.isEmpty else { return Array(repeating: 0, count: targets.count) }
        var assigned: [Int] = []
        assigned.reserveCapacity(targets.count)
        var unmatched: [FleetTarget] = []
        for target in targets {
            if let wave = waves.firstIndex(where: { $0.match.matches(target) }) {
                assigned.append(wave)
            } else {
                unmatched.append(target)
            }
        }
        if let first = unmatched.first {
            let more = unmatched.count > 1 ? " and \(unmatched.count - 1) more" : ""
            throw FleetError(
                .unmatchedTargets, "no wave matches \(first.path)\(more)",
                hint: "end the waves with {match: \"*\"} so that every target belongs to one"
            )
        }
        return assigned
    }

    /// How many targets are in each wave.
    public var waveSizes: [Int] {
        var sizes = Array(repeating: 0, count: max(waveDefinitions.count, 1))
        for wave in waves { sizes[wave] += 1 }
        return sizes
    }
}
