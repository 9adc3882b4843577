import Synchronization
@testable import StrataMigrate
import StrataPostgres

/// A fake session that records every statement and answers the engine's own queries,
/// for testing transaction boundaries and lock pairing without a server.
final class RecordingSession: DatabaseSession {
    private let state = Mutex(State())

    struct State {
        var log: [String] = []
        var history: [AppliedMigration] = []
        var failOn: (text: String, error: DatabaseError)?
        var lockAvailable = true
        var onExecute: (@Sendable (String) -> Void)?
    }

    init(history: [AppliedMigration] = [], failOn: (String, DatabaseError)? = nil) {
        state.withLock {
            $0.history = history
            $0.failOn = failOn.map { (text: $0.0, error: $0.1) }
        }
    }

    var log: [String] { state.withLock { $0.log } }

    /// The log without the engine's bookkeeping queries (settings, lock, history reads).
    var statements: [String] {
        log.filter { entry in
            !entry.hasPrefix("SELECT") && !entry.contains("CREATE TABLE IF NOT EXISTS")
        }.map { entry in
            if entry.hasPrefix("INSERT INTO") { return "INSERT" }
            if entry.hasPrefix("DELETE FROM") { return "DELETE" }
            if entry.hasPrefix("PREPARE strata_record_") { return "PREPARE record" }
            if entry.hasPrefix("EXECUTE strata_record_") { return "RECORD" }
            if entry.hasPrefix("DEALLOCATE strata_record_") { return "DEALLOCATE record" }
            return entry
        }
    }

    /// The names the run's record statements were prepared under, in order.
    var preparedNames: [String] {
        log.compactMap { entry in
            guard entry.hasPrefix("PREPARE ") else { return nil }
            return entry.dropFirst("PREPARE ".count).split(separator: " ").first.map(String.init)
        }
    }

    func onExecute(_ handler: @escaping @Sendable (String) -> Void) {
        state.withLock { $0.onExecute = handler }
    }

    func execute(_ sql: String) async throws {
        let (failure, hook) = state.withLock { state -> (DatabaseError?, (@Sendable (String) -> Void)?) in
            state.log.append(sql)
            if let failOn = state.failOn, sql.contains(failOn.text) { return (failOn.error, state.onExecute) }
            if sql.hasPrefix("EXECUTE strata_record_"), let row = Self.recordedRow(sql) {
                state.history.removeAll { $0.version == row.version }
                state.history.append(row)
                state.history.sort { $0.version < $1.version }
            }
            return (nil, state.onExecute)
        }
        hook?(sql)
        if let failure { throw failure }
    }

    /// The row an `EXECUTE strata_record_…(E'version', E'name', E'checksum', batch, ms)`
    /// writes.
    static func recordedRow(_ sql: String) -> AppliedMigration? {
        guard let open = sql.firstIndex(of: "("), sql.hasSuffix(")") else { return nil }
        var values: [String] = []
        var current = ""
        var inString = false
        var index = sql.index(after: open)
        let end = sql.index(before: sql.endIndex)
        while index < end {
            let character = sql[index]
            let next = sql.index(after: index)
            if inString {
                if (character == "'" || character == "\\"), next < end, sql[next] == character {
                    current.append(character)
                    index = sql.index(after: next)
                    continue
                }
                if character == "'" { inString = false } else { current.append(character) }
            } else if character == "'" {
                inString = true
            } else if character == "," {
                values.append(current)
                current = ""
            } else if character != " " && character != "E" {
                current.append(character)
            }
            index = next
        }
        values.append(current)
        guard values.count == 5, let version = MigrationVersion(values[0]), let batch = Int(values[3]), let ms = Int(values[4]) else { return nil }
        return AppliedMigration(
            version: version, name: values[1], checksum: values[2], batch: batch, appliedAt: "", executionMs: ms,
            appliedBy: "test", state: .applied
        )
    }

    /// Answers the history read (one row of arrays) from the recorded history.
    func queryColumns(_ sql: String) async throws -> [[String?]] {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        return state.withLock { state in
            state.log.append(String(trimmed.prefix(while: { $0 != "\n" })))
            guard trimmed.contains("strata_migrations") else { return [] }
            let rows = state.history
            return [
                rows.map { $0.version.text }, rows.map(\.name), rows.map(\.checksum), rows.map { String($0.batch) },
                rows.map(\.appliedAt), rows.map { String($0.executionMs) }, rows.map(\.appliedBy), rows.map(\.state.rawValue),
            ]
        }
    }

    func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        return state.withLock { state in
            state.log.append(trimmed.hasPrefix("SELECT") || trimmed.hasPrefix("INSERT") || trimmed.hasPrefix("DELETE") || trimmed.hasPrefix("UPDATE")
                ? String(trimmed.prefix(while: { $0 != "\n" })) : trimmed)
            if trimmed.contains("current_setting('server_version_num')") {
                return [Row(["150000", "0", "0", "0"])]
            }
            if trimmed.contains("pg_try_advisory_lock") {
                return [Row([state.lockAvailable ? "t" : "f"])]
            }
            if trimmed.contains("FROM \"public\".strata_migrations") || trimmed.contains("FROM public.strata_migrations") {
                return state.history.map { row in
                    Row([row.version.text, row.name, row.checksum, String(row.batch), row.appliedAt, String(row.executionMs), row.appliedBy, row.state.rawValue])
                }
            }
            if trimmed.hasPrefix("INSERT INTO") {
                // One row: (version, name, checksum, batch, ms, state); several rows:
                // batch first, then (version, name, checksum, ms) per row.
                var rows: [AppliedMigration] = []
                if trimmed.contains("VALUES ($2,") {
                    let batch = Int(parameters[0] ?? "") ?? 0
                    var index = 1
                    while index + 3 < parameters.count + 1, index < parameters.count {
                        rows.append(AppliedMigration(
                            version: MigrationVersion(parameters[index] ?? "")!, name: parameters[index + 1] ?? "",
                            checksum: parameters[index + 2] ?? "", batch: batch, appliedAt: "", executionMs: 0,
                            appliedBy: "test", state: .applied
                        ))
                        index += 4
                    }
                } else if let version = parameters[0].flatMap(MigrationVersion.init) {
                    rows.append(AppliedMigration(
                        version: version, name: parameters[1] ?? "", checksum: parameters[2] ?? "",
                        batch: Int(parameters[3] ?? "") ?? 0, appliedAt: "", executionMs: 0, appliedBy: "test",
                        state: AppliedMigration.State(rawValue: parameters[5] ?? "") ?? .applied
                    ))
                }
                for row in rows {
                    state.history.removeAll { $0.version == row.version }
                    state.history.append(row)
                }
                state.history.sort { $0.version < $1.version }
            }
            if trimmed.hasPrefix("DELETE FROM") {
                let versions = parameters.compactMap { $0.flatMap(MigrationVersion.init) }
                state.history.removeAll { versions.contains($0.version) }
            }
            return []
        }
    }
}

import Foundation
