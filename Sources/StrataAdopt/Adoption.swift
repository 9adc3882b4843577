/// What converting a folder gave: the Strata files to write, and every other file of the
/// folder named with the reason it was not converted, and every problem found.
///
/// Nothing is left out silently: each source file is part of a migration, or in
/// ``skipped``, ``unconverted`` or a ``problems`` entry. The migrations are meant to be
/// written only when ``problems`` is empty.
public struct Adoption: Sendable, Hashable {
    public var format: AdoptFormat
    /// The converted migrations, sorted by version. Every one parses and validates with
    /// Strata's own parser unless a problem names it.
    public var migrations: [AdoptedMigration]
    /// Files that are not migrations of the tool for PostgreSQL, with the reason.
    public var skipped: [SkippedFile]
    /// Migrations of the tool that Strata cannot express, with the reason.
    public var unconverted: [SkippedFile]
    /// What keeps the conversion from being correct, with the source file's position.
    public var problems: [AdoptionProblem]

    /// Creates a result from its parts; nothing is checked.
    public init(
        format: AdoptFormat, migrations: [AdoptedMigration] = [], skipped: [SkippedFile] = [],
        unconverted: [SkippedFile] = [], problems: [AdoptionProblem] = []
    ) {
        self.format = format
        self.migrations = migrations
        self.skipped = skipped
        self.unconverted = unconverted
        self.problems = problems
    }
}
