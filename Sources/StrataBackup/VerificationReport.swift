import StrataDiff
import StrataSchema

/// What `strata restore --verify` found: the archive restored into a scratch database,
/// its schema and every table's row count compared with what the manifest recorded of
/// the source in the backup's snapshot.
public struct VerificationReport: Sendable, Hashable, Encodable {
    /// The verdict.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Restored, and the schema and every row count equal the source's.
        case passed
        /// Restored, but the schema or a row count differs.
        case mismatch
        /// Restored, but there was no manifest to compare with.
        case notCompared = "not-compared"
    }

    /// One object that differs: what would make the restored copy match the source.
    public struct SchemaDifference: Sendable, Hashable, Codable {
        /// `table public.users`, `column public.users.email`, ….
        public var object: String
        /// `create`, `drop`, `alter`, … (as in `strata diff`).
        public var action: String
        public var sql: String
    }

    /// One table: the rows the source had and the rows the copy has.
    public struct TableCheck: Sendable, Hashable, Codable {
        public var schema: String
        public var name: String
        /// In the source's snapshot; nil when the table was not there, or rows were not
        /// counted (schema-only).
        public var expected: Int64?
        /// In the restored copy; nil when the table is not there.
        public var actual: Int64?
        public var matches: Bool
    }

    /// The archive as the user named it.
    public var archive: String
    /// The manifest it was compared with; nil when there was none.
    public var manifest: String?
    /// The archive's SHA-256 and size as read now.
    public var sha256: String
    public var size: Int64
    /// Where and when the backup was taken (from the manifest).
    public var source: BackupManifest.Source?
    public var takenAt: String?
    public var schemaOnly: Bool
    /// `pg_restore --jobs` used.
    public var jobs: Int
    /// Objects that differ, in plan order (empty when equal or not compared).
    public var schemaDifferences: [SchemaDifference]
    /// Objects of kinds Strata does not compare that exist on one side only.
    public var notCompared: [String]
    /// Every table of either side, sorted.
    public var tables: [TableCheck]
    /// The verdict: passed, mismatch, or not compared (no manifest).
    public var outcome: Outcome
    /// Milliseconds for the scratch database and `pg_restore`, and for reading and comparing the copy.
    public var restoreMs: Int
    public var compareMs: Int

    /// Whether verification passed (exit 0): compared and equal, or nothing to compare with.
    public var passed: Bool { outcome != .mismatch }

    /// The tables whose rows or presence differ.
    public var mismatchedTables: [TableCheck] { tables.filter { !$0.matches } }

    enum CodingKeys: String, CodingKey {
        case archive, manifest, sha256, size, source, takenAt = "taken_at", schemaOnly = "schema_only", jobs
        case schemaDifferences = "schema_differences", notCompared = "not_compared", tables, outcome
        case restoreMs = "restore_ms", compareMs = "compare_ms", passed
    }

    /// Every field, and `passed`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(archive, forKey: .archive)
        try container.encode(manifest, forKey: .manifest)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(size, forKey: .size)
        try container.encode(source, forKey: .source)
        try container.encode(takenAt, forKey: .takenAt)
        try container.encode(schemaOnly, forKey: .schemaOnly)
        try container.encode(jobs, forKey: .jobs)
        try container.encode(schemaDifferences, forKey: .schemaDifferences)
        try container.encode(notCompared, forKey: .notCompared)
        try container.encode(tables, forKey: .tables)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(restoreMs, forKey: .restoreMs)
        try container.encode(compareMs, forKey: .compareMs)
        try container.encode(passed, forKey: .passed)
    }

    /// Compares a restored copy with the manifest (pure).
    ///
    /// - Parameters:
    ///   - plan: from the copy's schema to the manifest's (``SchemaDiffer/plan(from:to:options:)``);
    ///     nil without a manifest.
    public init(
        archive: CheckedArchive, jobs: Int, restored: DatabaseInventory, plan: Plan?, restoreMs: Int, compareMs: Int
    ) {
        let manifest = archive.manifest
        self.archive = archive.displayName
        self.manifest = manifest.map { _ in BackupManifest.path(forArchive: archive.displayName) }
        sha256 = archive.digest.sha256
        size = archive.digest.size
        source = manifest?.source
        takenAt = manifest?.takenAt
        schemaOnly = manifest?.schemaOnly ?? (archive.contents.tableDataCount == 0)
        self.jobs = jobs
        self.restoreMs = restoreMs
        self.compareMs = compareMs
        schemaDifferences = (plan?.statements ?? []).filter { $0.action != "set" }.map {
            SchemaDifference(object: $0.object.description, action: $0.action, sql: $0.sql)
        }
        notCompared = (plan?.notCompared ?? []).filter { $0.side != .both }.map(\.description)
        tables = Self.tableChecks(expected: manifest?.tables, actual: restored.tables)
        if manifest == nil {
            outcome = .notCompared
        } else if !schemaDifferences.isEmpty || !notCompared.isEmpty || tables.contains(where: { !$0.matches }) {
            outcome = .mismatch
        } else {
            outcome = .passed
        }
    }

    /// Every table of either side; without `expected`, each restored table as found.
    static func tableChecks(expected: [TableRowCount]?, actual: [TableRowCount]) -> [TableCheck] {
        guard let expected else {
            return actual.map { TableCheck(schema: $0.table.schema, name: $0.table.name, expected: nil, actual: $0.rows, matches: true) }
        }
        let source = Dictionary(expected.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        let copy = Dictionary(actual.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(source.keys).union(copy.keys).sorted().map { table in
            let before = source[table], after = copy[table]
            let matches: Bool
            if let before, let after {
                // Schema-only: no rows were counted, and none may appear.
                matches = before.rows.map { $0 == after.rows } ?? ((after.rows ?? 0) == 0)
            } else {
                matches = false
            }
            return TableCheck(schema: table.schema, name: table.name, expected: before?.rows, actual: after?.rows, matches: matches)
        }
    }
}
