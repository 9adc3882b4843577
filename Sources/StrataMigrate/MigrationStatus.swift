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
    /// The repeatable scripts, in path order, then recorded ones whose file is gone.
    public var repeatables: [ScriptStatusEntry] = []

    /// Whether a repeatable script would run at the next `up` (new or changed).
    public var hasPendingScripts: Bool {
        repeatables.contains { $0.state == .pending }
    }

    /// Counts per state, with every state present.
    public var summary: [MigrationState: Int] {
        Dictionary(uniqueKeysWithValues: stateCounts.map { ($0.state, $0.count) })
    }

    /// How many entries are in each state, in the order of `MigrationState.allCases`
    /// (zero for states no entry is in); a plain array, unlike ``summary``.
    public var stateCounts: [(state: MigrationState, count: Int)] {
        let states = MigrationState.allCases
        var counts = [Int](repeating: 0, count: states.count)
        for index in entries.indices {
            if let position = states.firstIndex(of: entries[index].state) { counts[position] += 1 }
        }
        return zip(states, counts).map { (state: $0, count: $1) }
    }

    /// True when something blocks `up` (modified, missing, failed or out-of-order).
    public var hasProblems: Bool {
        entries.contains { [.modified, .missing, .failed, .outOfOrder].contains($0.state) }
    }

    public var hasPendingMigrations: Bool {
        entries.contains { $0.state == .pending || $0.state == .outOfOrder }
    }

    /// Matches files with history rows by version, in one pass over both sorted by
    /// version (they come sorted from the folder and the history table; other input is
    /// sorted first). Of files sharing a version the first counts (the duplicate is a
    /// problem of its own); of rows sharing one, the last.
    public init(migrations: [Migration], applied: [AppliedMigration]) {
        let files = migrations.sortedByVersion(\.version)
        let rows = applied.sortedByVersion(\.version)
        let newestApplied = rows.last?.version
        var entries: [MigrationStatusEntry] = []
        entries.reserveCapacity(max(files.count, rows.count))
        var file = 0
        var row = 0
        /// Moves past the file at `file` and any later file with the same version.
        func skipFileVersion() {
            let version = files[file].version
            file += 1
            while file < files.count && files[file].version == version { file += 1 }
        }
        while file < files.count || row < rows.count {
            if file < files.count, row < rows.count, files[file].version == rows[row].version {
                var last = row
                while last + 1 < rows.count && rows[last + 1].version == rows[row].version { last += 1 }
                let migration = files[file], record = rows[last]
                let state: MigrationState = record.state == .failed ? .failed
                    : record.checksum != migration.checksum ? .modified : .applied
                entries.append(MigrationStatusEntry(
                    version: migration.version, name: migration.name, state: state, batch: record.batch,
                    appliedAt: record.appliedAt, executionMs: record.executionMs, checksum: migration.checksum,
                    file: migration.path
                ))
                skipFileVersion()
                row = last + 1
            } else if row == rows.count || (file < files.count && files[file].version < rows[row].version) {
                let migration = files[file]
                let isOld = newestApplied.map { migration.version < $0 } ?? false
                entries.append(MigrationStatusEntry(
                    version: migration.version, name: migration.name, state: isOld ? .outOfOrder : .pending,
                    checksum: migration.checksum, file: migration.path
                ))
                skipFileVersion()
            } else {
                let record = rows[row]
                entries.append(MigrationStatusEntry(
                    version: record.version, name: record.name, state: record.state == .failed ? .failed : .missing,
                    batch: record.batch, appliedAt: record.appliedAt, executionMs: record.executionMs,
                    checksum: record.checksum, file: nil
                ))
                row += 1
            }
        }
        self.entries = entries
    }
}
