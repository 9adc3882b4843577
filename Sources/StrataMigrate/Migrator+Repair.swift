import StrataPostgres

extension Migrator {
    /// Records every migration up to and including `version` as applied, without running
    /// it: for adopting Strata on a database whose schema already exists.
    /// Migrations already in the history are left as they are.
    public func baseline(
        on session: any DatabaseSession, through version: MigrationVersion, events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try requireNoProblems()
        guard migrations.contains(where: { $0.version <= version }) else {
            throw MigrationError(.usage, "no migration has a version up to \(version)", hint: "run `strata status` to list the versions")
        }
        return try await record(on: session, events: events) { $0.version <= version }
    }

    /// Records exactly the migrations of `versions` as applied, without running them: for
    /// carrying over the history of another migration tool, whose applied migrations need
    /// not be a prefix of the files. Migrations already in the history are left as they are.
    ///
    /// - Throws: ``MigrationError`` with code `usage` when a version has no migration.
    public func baseline(
        on session: any DatabaseSession, versions: [MigrationVersion], events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try requireNoProblems()
        let wanted = Set(versions)
        if let unknown = versions.first(where: { migration($0) == nil }) {
            throw MigrationError(.usage, "there is no migration with version \(unknown) to record", hint: "run `strata status` to list the versions")
        }
        return try await record(on: session, events: events) { wanted.contains($0.version) }
    }

    private func requireNoProblems() throws {
        if !problems.isEmpty {
            throw MigrationError(.validation, "the migrations folder has problems; nothing was recorded", problems: problems)
        }
    }

    /// Records the chosen migrations that the history does not hold yet as one new batch,
    /// in one transaction, holding the migration lock.
    private func record(
        on session: any DatabaseSession, events: MigrationEventHandler?, choosing isChosen: (Migration) -> Bool
    ) async throws -> MigrationRunReport {
        let events = events ?? { _ in }
        return try await locked(session, mode: .batch, lockWait: nil, events: events) {
            try await history.ensure(on: session)
            let rows = try await history.loadAll(on: session)
            let recorded = Set(rows.migrations.map(\.version))
            let chosen = migrations.filter { isChosen($0) && !recorded.contains($0.version) }
            let batch = rows.lastBatch + 1
            try await session.execute("BEGIN")
            do {
                try await history.insert(chosen.map { ($0, 0) }, batch: batch, on: session)
                try await session.execute("COMMIT")
            } catch {
                try? await session.execute("ROLLBACK")
                throw MigrationError(.statementFailed, "recording the baseline failed; nothing was recorded", cause: "\(error)", databaseError: error as? DatabaseError)
            }
            return MigrationRunReport(
                direction: .up, batch: chosen.isEmpty ? nil : batch, dryRun: false, transactionMode: .batch,
                migrations: chosen.map { .init(version: $0.version, name: $0.name, outcome: .recorded, durationMs: 0, file: $0.path) },
                durationMs: 0
            )
        }
    }

    /// Repairs the history by hand: records `version` as applied (with the file's
    /// current checksum, which also accepts an edited file or a failed migration that
    /// was finished by hand), or removes its record so that it counts as pending.
    public func mark(
        on session: any DatabaseSession, version: MigrationVersion, applied markApplied: Bool,
        events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        let events = events ?? { _ in }
        return try await locked(session, mode: .batch, lockWait: nil, events: events) {
            try await history.ensure(on: session)
            let applied = try await history.load(on: session)
            let row = applied.first { $0.version == version }
            if markApplied {
                guard let migration = migration(version) else {
                    throw MigrationError(
                        .usage, "there is no migration file with version \(version) to mark as applied",
                        hint: "run `strata status` to list the versions"
                    )
                }
                let batch = row?.batch ?? ((applied.map(\.batch).max() ?? 0) + 1)
                if let row, row.version.text != migration.version.text {
                    try await history.delete(row.version, on: session)
                }
                try await history.insert(migration, batch: batch, executionMs: row?.executionMs ?? 0, state: .applied, on: session)
                return MigrationRunReport(
                    direction: .up, batch: batch, dryRun: false, transactionMode: .batch,
                    migrations: [.init(version: migration.version, name: migration.name, outcome: .recorded, durationMs: 0, file: migration.path)],
                    durationMs: 0
                )
            } else {
                guard let row else {
                    throw MigrationError(
                        .usage, "version \(version) is not in the history, so it is already pending",
                        hint: "run `strata status` to see the recorded versions"
                    )
                }
                try await history.delete(row.version, on: session)
                return MigrationRunReport(
                    direction: .down, batch: row.batch, dryRun: false, transactionMode: .batch,
                    migrations: [.init(version: row.version, name: row.name, outcome: .unrecorded, durationMs: 0, file: migration(version)?.path)],
                    durationMs: 0
                )
            }
        }
    }
}
