/// An error of a fleet run as a whole (its configuration, its target list) or of one
/// target before its migrations run (a missing schema, a schema listing that failed).
///
/// Errors of a target's migrations are the engine's own (`MigrationError`,
/// `DatabaseError`), kept as they are in ``FleetTargetResult/error``.
public struct FleetError: Error, Sendable, CustomStringConvertible {
    /// A stable category; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case configuration, noTargets = "no-targets", noMatch = "no-match", duplicateTarget = "duplicate-target"
            case unmatchedTargets = "unmatched-targets", targetsFile = "targets-file"
            case schemaMissing = "schema-missing", schemaListing = "schema-listing"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An option or `fleet:` setting is wrong (a limit below 1, an empty pattern).
        public static let configuration = Code(.configuration)
        /// The fleet lists no targets at all.
        public static let noTargets = Code(.noTargets)
        /// `--only` chose none of the targets.
        public static let noMatch = Code(.noMatch)
        /// One target is listed twice.
        public static let duplicateTarget = Code(.duplicateTarget)
        /// Targets that no wave's `match` chooses.
        public static let unmatchedTargets = Code(.unmatchedTargets)
        /// A line of a targets file cannot be read.
        public static let targetsFile = Code(.targetsFile)
        /// A schema target's schema does not exist in its database.
        public static let schemaMissing = Code(.schemaMissing)
        /// The query listing a database's tenant schemas failed (see ``FleetError/underlying``).
        public static let schemaListing = Code(.schemaListing)

        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// What happened, naming the target or setting.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// Where the offending entry is written (`strata.yaml:14:7`, `targets.txt:3`).
    public var origin: String?
    /// The error behind this one (a connection or server error of a schema listing).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, hint: String? = nil, origin: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.origin = origin
        self.underlying = underlying
    }

    public var description: String {
        var text = (origin.map { $0 + ": " } ?? "") + message
        if let hint { text += "\nhint: " + hint }
        return text
    }
}
