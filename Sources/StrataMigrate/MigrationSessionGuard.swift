import StrataPostgres

/// Takes the migration lock and the session settings for a run, and gives both back.
///
/// The advisory lock is session-level, so it is taken and released on the one pinned
/// session the run uses. The session's own `lock_timeout`, `statement_timeout` and
/// `client_connection_check_interval` are saved first and restored afterwards, so a
/// connection lent by an application is handed back as it came.
///
/// With `deferDurability` (used for one transaction per migration), commits inside the
/// run use `synchronous_commit = off` and the run ends with a synchronous commit, a
/// durability barrier: the WAL is flushed up to it, which includes every earlier commit.
/// Each migration is still atomic with its history row; the run is durable when it
/// returns; a server crash during the run can only lose whole migrations (with their
/// history rows), never part of one. This saves one WAL flush per migration.
struct MigrationSessionGuard {
    let session: any DatabaseSession
    let history: HistoryTable
    let configuration: MigratorConfiguration
    let events: MigrationEventHandler

    /// Runs `body` holding the lock with the migration settings in force.
    func run<T: Sendable>(lockWait: Duration, deferDurability: Bool = false, _ body: () async throws -> T) async throws -> T {
        let saved = try await session.query("""
            SELECT current_setting('server_version_num'), current_setting('lock_timeout'),
                   current_setting('statement_timeout'), current_setting('client_connection_check_interval', true),
                   current_setting('synchronous_commit')
            """)
        guard let row = saved.first else {
            throw MigrationError(.connection, "the server did not answer the session set-up query")
        }
        let serverVersion = Int(row[0] ?? "") ?? 0
        try await acquireLock(wait: lockWait)
        let result: T
        do {
            try await applySettings(serverVersion: serverVersion, deferDurability: deferDurability)
            result = try await body()
        } catch {
            await release(restoring: row, barrier: deferDurability)
            throw error
        }
        await release(restoring: row, barrier: deferDurability)
        return result
    }

    private func acquireLock(wait: Duration) async throws {
        let key = String(history.lockKey)
        if try await session.scalar("SELECT pg_try_advisory_lock($1::bigint)", [key]) == "t" { return }
        events(.waitingForLock(holder: try? await lockHolder()))
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await session.query("SELECT set_config('lock_timeout', $1, false)", ["\(max(wait.wholeMilliseconds, 1))ms"])
            _ = try await session.query("SELECT 1 FROM pg_advisory_lock($1::bigint)", [key])
        } catch let error as DatabaseError where error.server?.sqlState == "55P03" {
            let holder = try? await lockHolder()
            var who = "another session"
            if let holder {
                who = "session \(holder.pid)"
                if let application = holder.applicationName, !application.isEmpty { who += " (\(application)" + (holder.user.map { ", user \($0)" } ?? "") + ")" }
            }
            throw MigrationError(
                .lockTimeout,
                "timed out after \(wait.wholeMilliseconds / 1000) s waiting for the migration lock held by \(who)",
                hint: "another run is still migrating this database; wait for it, or raise --lock-wait. "
                    + "If that session is stuck, end it with SELECT pg_terminate_backend(\(holder?.pid ?? 0))",
                databaseError: error
            )
        }
        let waited = clock.now - started
        events(.lockAcquired(waitedMs: Int(waited.wholeMilliseconds)))
    }

    private func applySettings(serverVersion: Int, deferDurability: Bool) async throws {
        var assignments: [String] = []
        var values: [String?] = []
        func set(_ name: String, _ value: String) {
            values.append(value)
            assignments.append("set_config('\(name)', $\(values.count), false)")
        }
        set("lock_timeout", configuration.lockTimeout.map { "\($0.wholeMilliseconds)ms" } ?? "0")
        if let statementTimeout = configuration.statementTimeout {
            set("statement_timeout", "\(statementTimeout.wholeMilliseconds)ms")
        }
        if deferDurability {
            set("synchronous_commit", "off")
        }
        if serverVersion >= 140000 {
            // Lets the server notice a killed client during a long statement and roll back
            // promptly, instead of holding the lock until the statement ends.
            set("client_connection_check_interval", "2000ms")
        }
        _ = try await session.query("SELECT " + assignments.joined(separator: ", "), values)
    }

    private func release(restoring row: Row, barrier: Bool) async {
        // After a failed statement inside a transaction, the session must leave it first.
        _ = try? await session.execute("ROLLBACK")
        var assignments = [
            "set_config('lock_timeout', $1, false)", "set_config('statement_timeout', $2, false)",
            "set_config('synchronous_commit', $3, false)",
        ]
        var values: [String?] = [row[1] ?? "0", row[2] ?? "0", row[4] ?? "on"]
        if let interval = row[3] {
            values.append(interval)
            assignments.append("set_config('client_connection_check_interval', $4, false)")
        }
        _ = try? await session.query("SELECT " + assignments.joined(separator: ", "), values)
        if barrier {
            // A transaction with an xid commits synchronously (the setting is restored),
            // flushing the WAL through every earlier commit of this run.
            _ = try? await session.execute("BEGIN")
            _ = try? await session.query("SELECT pg_current_xact_id()")
            _ = try? await session.execute("COMMIT")
        }
        _ = try? await session.query("SELECT pg_advisory_unlock($1::bigint)", [String(history.lockKey)])
    }

    /// Who holds the lock, from pg_locks and pg_stat_activity.
    private func lockHolder() async throws -> LockHolder? {
        let key = UInt64(bitPattern: history.lockKey)
        let rows = try await session.query(
            """
            SELECT a.pid, a.usename, a.application_name, host(a.client_addr),
                   extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start))::int
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 1
            LIMIT 1
            """,
            [String(key >> 32), String(key & 0xFFFF_FFFF)]
        )
        guard let row = rows.first, let pid = row[0].flatMap({ Int($0) }) else { return nil }
        return LockHolder(
            pid: pid, user: row[1], applicationName: row[2], clientAddress: row[3],
            runningSeconds: row[4].flatMap { Int($0) }
        )
    }
}

extension Migrator {
    /// Runs `body` under the migration lock, with the configured session settings;
    /// `each` mode defers durability to one flush at the end (see ``MigrationSessionGuard``).
    func locked<T: Sendable>(
        _ session: any DatabaseSession, mode: MigratorConfiguration.TransactionMode, lockWait: Duration?,
        events: @escaping MigrationEventHandler, _ body: () async throws -> T
    ) async throws -> T {
        let sessionGuard = MigrationSessionGuard(session: session, history: history, configuration: configuration, events: events)
        return try await sessionGuard.run(lockWait: lockWait ?? configuration.lockWait, deferDurability: mode == .each, body)
    }

    /// `body`'s report, with the run's wall-clock duration.
    func timed(_ body: () async throws -> MigrationRunReport) async throws -> MigrationRunReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = try await body()
        report.durationMs = Int((clock.now - started).wholeMilliseconds)
        return report
    }
}
