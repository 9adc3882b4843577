/// One repeatable script in `strata status` (DESIGN §10).
public struct ScriptStatusEntry: Sendable, Hashable, Codable {
    /// `applied` (ran with the file's current checksum), `pending` (new, or changed since
    /// it ran: see ``changed``), `failed` (a row left as failed), or `missing` (recorded, but
    /// the file is gone; nothing runs, and the objects it made stay until a migration drops
    /// them).
    public var state: MigrationState
    /// The script's path in the repeatable folder.
    public var name: String
    /// The file, as messages show it; nil when missing.
    public var file: String?
    /// The file's checksum, or the recorded one when the file is missing.
    public var checksum: String
    /// Pending because the file changed since it last ran (not because it is new).
    public var changed: Bool
    public var batch: Int?
    public var appliedAt: String?
    public var executionMs: Int?

    public init(
        state: MigrationState, name: String, file: String?, checksum: String, changed: Bool,
        batch: Int?, appliedAt: String?, executionMs: Int?
    ) {
        self.state = state
        self.name = name
        self.file = file
        self.checksum = checksum
        self.changed = changed
        self.batch = batch
        self.appliedAt = appliedAt
        self.executionMs = executionMs
    }

    enum CodingKeys: String, CodingKey {
        case state, name, file, checksum, changed, batch, appliedAt = "applied_at", executionMs = "execution_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(name, forKey: .name)
        try container.encode(file, forKey: .file)
        try container.encode(checksum, forKey: .checksum)
        try container.encode(changed, forKey: .changed)
        try container.encode(batch, forKey: .batch)
        try container.encode(appliedAt, forKey: .appliedAt)
        try container.encode(executionMs, forKey: .executionMs)
    }

    /// The scripts (in path order) with their rows, then rows whose file is gone.
    static func entries(scripts: [Migration], applied: [AppliedScript]) -> [ScriptStatusEntry] {
        var rows: [String: AppliedScript] = [:]
        for row in applied { rows[row.name] = row }
        var entries: [ScriptStatusEntry] = []
        for script in scripts {
            let row = rows.removeValue(forKey: script.name)
            let state: MigrationState
            if let row {
                state = row.state == .failed || row.checksum != script.checksum ? .pending : .applied
            } else {
                state = .pending
            }
            entries.append(ScriptStatusEntry(
                state: state, name: script.name, file: script.path, checksum: script.checksum,
                changed: row.map { $0.checksum != script.checksum } ?? false,
                batch: row?.batch, appliedAt: row?.appliedAt, executionMs: row?.executionMs
            ))
        }
        for row in applied where rows[row.name] != nil {
            entries.append(ScriptStatusEntry(
                state: .missing, name: row.name, file: nil, checksum: row.checksum, changed: false,
                batch: row.batch, appliedAt: row.appliedAt, executionMs: row.executionMs
            ))
        }
        return entries
    }
}
