/// The state of one migration, as `strata status` shows it (DESIGN §5).
public enum MigrationState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Applied, and the file still has the checksum it had then.
    case applied
    /// Not applied yet.
    case pending
    /// Applied, but the file changed since.
    case modified
    /// Applied, but the file is gone.
    case missing
    /// A no-transaction migration that broke midway; `strata mark` repairs it.
    case failed
    /// Pending, but older than the newest applied migration.
    case outOfOrder = "out-of-order"
}

/// One line of `strata status`.
public struct MigrationStatusEntry: Sendable, Hashable, Codable {
    public var version: MigrationVersion
    public var name: String
    public var state: MigrationState
    public var batch: Int?
    public var appliedAt: String?
    public var executionMs: Int?
    /// The file's checksum, or the recorded one when the file is missing.
    public var checksum: String
    /// The file, or nil for a missing file or a Swift migration.
    public var file: String?

    enum CodingKeys: String, CodingKey {
        case version, name, state, batch, appliedAt = "applied_at", executionMs = "execution_ms", checksum, file
    }

    public func encode(to encoder: any Encoder) throws {
        // Explicit nulls, so that JSON consumers always see every key.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(name, forKey: .name)
        try container.encode(state, forKey: .state)
        try container.encode(batch, forKey: .batch)
        try container.encode(appliedAt, forKey: .appliedAt)
        try container.encode(executionMs, forKey: .executionMs)
        try container.encode(checksum, forKey: .checksum)
        try container.encode(file, forKey: .file)
    }
}

/// Every migration known from files, code or history, with its state.
public struct MigrationStatus: Sendable, Hashable {
    public var entries: [MigrationStatusEntry]

    /// Counts per state, with every state present.
    public var summary: [MigrationState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: MigrationState.allCases.map { ($0, 0) })
        for entry in entries { counts[entry.state, default: 0] += 1 }
        return counts
    }

    /// True when something blocks `up` (modified, missing, failed or out-of-order).
    public var hasProblems: Bool {
        entries.contains { [.modified, .missing, .failed, .outOfOrder].contains($0.state) }
    }

    public var hasPendingMigrations: Bool {
        entries.contains { $0.state == .pending || $0.state == .outOfOrder }
    }

    /// Matches files (sorted by version) with history rows (sorted by version).
    public init(migrations: [Migration], applied: [AppliedMigration]) {
        let newestApplied = applied.last?.version
        var byVersion: [MigrationVersion: AppliedMigration] = [:]
        byVersion.reserveCapacity(applied.count)
        for row in applied { byVersion[row.version] = row }
        var entries: [MigrationStatusEntry] = []
        entries.reserveCapacity(max(migrations.count, applied.count))
        var seen = Set<MigrationVersion>()
        for migration in migrations where !seen.contains(migration.version) {
            seen.insert(migration.version)
            if let row = byVersion[migration.version] {
                let state: MigrationState
                if row.state == .failed {
                    state = .failed
                } else if row.checksum != migration.checksum {
                    state = .modified
                } else {
                    state = .applied
                }
                entries.append(MigrationStatusEntry(
                    version: migration.version, name: migration.name, state: state, batch: row.batch,
                    appliedAt: row.appliedAt, executionMs: row.executionMs, checksum: migration.checksum,
                    file: migration.path
                ))
            } else {
                let isOld = newestApplied.map { migration.version < $0 } ?? false
                entries.append(MigrationStatusEntry(
                    version: migration.version, name: migration.name, state: isOld ? .outOfOrder : .pending,
                    checksum: migration.checksum, file: migration.path
                ))
            }
        }
        for row in applied where !seen.contains(row.version) {
            entries.append(MigrationStatusEntry(
                version: row.version, name: row.name, state: row.state == .failed ? .failed : .missing,
                batch: row.batch, appliedAt: row.appliedAt, executionMs: row.executionMs,
                checksum: row.checksum, file: nil
            ))
        }
        entries.sort { $0.version < $1.version }
        self.entries = entries
    }
}
