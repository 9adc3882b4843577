import StrataLint
import StrataPostgres
import StrataSQL

/// Observing one statement: in a transaction (read from the same session after it), or
/// outside one (watched from a second session).
extension ObservationRun {
    /// What a statement did, gathered before it is recorded and judged.
    struct Effects {
        var locks: [ObservedLock] = []
        var rewrites: [RelationFiles.Rewrite] = []
        /// Oids of the tables it scanned sequentially.
        var scanned: [String] = []
        /// Oids of the relations its transaction holds ACCESS EXCLUSIVE on.
        var accessExclusive: Set<String> = []
        var note: String?
    }

    /// Runs a statement in the open transaction and reads its locks, files and scans.
    ///
    /// - Returns: the server's error when the statement failed (nothing is recorded then).
    mutating func observeInTransaction(
        _ statement: SQLStatement, _ transaction: StatementObservation.Transaction, _ context: FileContext
    ) async throws -> ServerError? {
        let outcome = try await runMigrationStatement(statement, context)
        if let error = outcome.error { return error }
        var effects = Effects()
        var current: [CatalogRelation] = []
        var held: Set<String> = []
        var taken: [String: ObservedLock] = [:]
        for row in try await ownQuery(ObservationQueries.afterStatement, context) {
            switch row[0] {
            case "L":
                guard let oid = row[1], let modeName = row[5], let mode = LockMode(pgLocksMode: modeName) else { continue }
                let key = "\(oid)|\(modeName)"
                held.insert(key)
                if mode == .accessExclusive && row[6] == "true" { effects.accessExclusive.insert(oid) }
                guard !heldLocks.contains(key), let name = relationName(oid: oid, relkind: row[2], schema: row[3], display: row[4]) else { continue }
                if let earlier = taken[name], earlier.mode >= mode { continue }
                taken[name] = ObservedLock(relation: name, mode: mode, granted: row[6] == "true")
            case "F":
                if let relation = CatalogRelation(row: row, offset: 1) { current.append(relation) }
            case "S":
                guard let oid = row[1], let count = row[2].flatMap({ Int($0) }) else { continue }
                if count > scanCounts[oid, default: 0] { effects.scanned.append(oid) }
                scanCounts[oid] = count
            default:
                continue
            }
        }
        heldLocks = held
        effects.locks = Self.ordered(Array(taken.values))
        effects.rewrites = relationFiles.compare(current, gone: relationFiles.missing(from: current))
        judge(statement, context, transaction: transaction, durationMs: outcome.durationMs, effects: effects)
        return nil
    }

    /// Runs a statement that cannot run in a transaction block, watched from a second session.
    ///
    /// - Returns: false when the statement failed (reported) and the run stops.
    mutating func observeConcurrently(_ statement: SQLStatement, _ context: FileContext) async throws -> Bool {
        let place = "\(context.file.name):\(statement.span.start)"
        let watch: ConcurrentWatch
        if let open = self.watch {
            watch = open
        } else {
            do {
                watch = try await ConcurrentWatch.open(settings)
            } catch {
                throw Self.scratchError(error, doing: "opening a second session to watch \(place)")
            }
            self.watch = watch
        }
        let since = try await newSyncPoint(context)
        let outcome: ConcurrentWatch.Outcome
        do {
            outcome = try await watch.watch(statement.text, runner: runner, runnerPid: runnerPid)
        } catch {
            await watch.close()
            self.watch = nil
            throw Self.scratchError(error, doing: "starting to watch \(place)")
        }
        if outcome.isBroken {
            await watch.close()
            self.watch = nil
        }
        if let error = outcome.error {
            guard let server = (error as? DatabaseError)?.server, !server.isConnectionLoss else {
                throw Self.scratchError(error, doing: "running \(place)")
            }
            reportFailure(server, statement: statement, context)
            return false
        }
        var effects = Effects()
        var granted: [String: ObservedLock] = [:]
        var waiting: [ObservedLock] = []
        for seen in outcome.granted + (outcome.waiting.map { [$0] } ?? []) {
            if seen.lockType != "relation" {
                waiting.append(ObservedLock(relation: nil, lockType: seen.lockType, mode: seen.mode, granted: seen.granted))
                continue
            }
            guard let oid = seen.oid, let name = seenRelationName(oid: oid, display: seen.relation) else { continue }
            let lock = ObservedLock(relation: name, mode: seen.mode, granted: seen.granted)
            guard seen.granted else {
                waiting.append(lock)
                continue
            }
            if seen.mode == .accessExclusive { effects.accessExclusive.insert(oid) }
            if (granted[name]?.mode ?? .accessShare) <= seen.mode { granted[name] = lock }
        }
        effects.locks = Self.ordered(Array(granted.values) + waiting)
        // Whatever the statement gave new files has a catalog row written since it started.
        let changed = try await relations(changedSince: since, context)
        effects.rewrites = relationFiles.compare(changed, gone: try await goneRelations(context))
        var notes: [String] = []
        if outcome.waiting == nil {
            notes.append("the statement never waited for the observer's snapshot, so its locks come from polls every few milliseconds and the list may be incomplete")
        } else {
            notes.append("watched from a second session until it waited for the observer's snapshot; its duration includes that wait")
        }
        notes.append("sequential scans cannot be observed outside a transaction block")
        effects.note = notes.joined(separator: "; ")
        judge(statement, context, transaction: .none, durationMs: outcome.durationMs, effects: effects)
        return true
    }

    /// The name a lock's relation is shown by; nil for TOAST (it follows its table) and for a
    /// relation created and dropped within the transaction (a rewrite's new heap).
    private mutating func relationName(oid: String, relkind: String?, schema: String?, display: String?) -> String? {
        guard relkind != nil, let schema, let display else { return knownNames[oid] }
        if schema.hasPrefix("pg_toast") { return nil }
        knownNames[oid] = display
        return display
    }

    /// The same for a lock seen from the second session, where a relation the statement has not
    /// committed yet prints as its oid.
    private func seenRelationName(oid: String, display: String?) -> String? {
        guard let display, display != oid else { return knownNames[oid] }
        return display.hasPrefix("pg_toast.") ? nil : display
    }

    /// Waiting locks last; granted ones by relation, strongest first.
    static func ordered(_ locks: [ObservedLock]) -> [ObservedLock] {
        locks.sorted { left, right in
            if left.granted != right.granted { return left.granted }
            if left.relation != right.relation { return (left.relation ?? "") < (right.relation ?? "") }
            return left.mode > right.mode
        }
    }

    /// Records a statement that ran without being observed (a transaction control statement).
    mutating func record(_ statement: SQLStatement, _ context: FileContext, transaction: StatementObservation.Transaction, durationMs: Double) {
        statements.append(StatementObservation(
            file: context.file.name, position: statement.span.start, statement: LintFinding.excerpt(of: statement.text),
            transaction: transaction, durationMs: durationMs
        ))
    }

    /// Records what a statement did and reports what it proves.
    mutating func judge(
        _ statement: SQLStatement, _ context: FileContext, transaction: StatementObservation.Transaction, durationMs: Double,
        effects: Effects
    ) {
        var note = effects.note
        var rewrites = effects.rewrites
        var scanned = effects.scanned
        if statement.leadingKeywords.first == "TRUNCATE", !rewrites.isEmpty {
            // New, empty files, whose indexes are built again by reading them: no rewrite, no scan of rows.
            let names = rewrites.map(\.table).joined(separator: ", ")
            note = [note, "TRUNCATE gave \(names) new, empty files (and rebuilt the empty indexes): not a rewrite"].compactMap { $0 }.joined(separator: "; ")
            let truncated = Set(rewrites.map(\.tableOid))
            scanned.removeAll { truncated.contains($0) }
            rewrites = []
        }
        let rewrittenTables = Set(rewrites.filter(\.tableRewritten).map(\.tableOid))
        let scans = scanned.compactMap { knownNames[$0] }.sorted()
        statements.append(StatementObservation(
            file: context.file.name, position: statement.span.start, statement: LintFinding.excerpt(of: statement.text),
            transaction: transaction, durationMs: durationMs, locks: effects.locks,
            rewrites: rewrites.filter(\.tableRewritten).map(\.table) + rewrites.flatMap(\.indexes), scans: scans, note: note
        ))
        for rewrite in rewrites {
            reportRewrite(rewrite, holdsAccessExclusive: effects.accessExclusive.contains(rewrite.tableOid), statement: statement, context)
        }
        for oid in scanned where relationFiles.isExisting(table: oid) && effects.accessExclusive.contains(oid) && !rewrittenTables.contains(oid) {
            reportScan(of: knownNames[oid] ?? oid, statement: statement, context)
        }
    }
}
