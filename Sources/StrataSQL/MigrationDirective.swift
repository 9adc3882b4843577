/// A `-- strata:<word>` line in a migration file (DESIGN §3).
///
/// A directive is a `--` comment alone on its line (blanks before it are fine) whose text,
/// trimmed, is `strata:` followed by the directive's word. Matching ignores ASCII case and blanks
/// after the colon.
public enum MigrationDirective: String, Sendable, Hashable, Codable, CaseIterable {
    /// Starts the part that `strata up` runs; text before it is a header that never runs.
    case up
    /// Starts the part that `strata down` runs.
    case down
    /// Before `-- strata:up`: run this file outside any transaction.
    case noTransaction = "no-transaction"

    /// The line that writes this directive, e.g. `-- strata:up`.
    public var line: String { "-- strata:\(rawValue)" }

    /// The known directives as a person would list them, for hints.
    static var knownList: String { allCases.map(\.line).joined(separator: ", ") }
}
