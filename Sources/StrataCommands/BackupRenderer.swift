import Foundation
import StrataBackup
import StrataPostgres

/// `strata backup` and `strata restore` (without `--verify`) as text or one JSON document.
struct BackupRenderer {
    let output: Output

    // MARK: - backup

    /// `{"archive", "manifest", "sha256", "size", "schema_only", "taken_at", "source",
    /// "server_version", "pg_dump_version", "pg_dump", "entries", "table_data_entries",
    /// "tables", "rows", "pruned", "dump_ms", "check_ms"}`.
    struct BackupDocument: Encodable {
        var archive: String
        var manifest: String
        var sha256: String
        var size: Int64
        var schemaOnly: Bool
        var takenAt: String
        var source: BackupManifest.Source
        var serverVersion: String
        var pgDumpVersion: String
        var pgDump: String
        var entries: Int
        var tableDataEntries: Int
        var tables: [TableRowCount]
        var rows: Int64?
        var pruned: [String]
        var dumpMs: Int
        var checkMs: Int

        enum CodingKeys: String, CodingKey {
            case archive, manifest, sha256, size, schemaOnly = "schema_only", takenAt = "taken_at", source
            case serverVersion = "server_version", pgDumpVersion = "pg_dump_version", pgDump = "pg_dump", entries
            case tableDataEntries = "table_data_entries", tables, rows, pruned, dumpMs = "dump_ms", checkMs = "check_ms"
        }
    }

    func render(_ taken: CommandContext.TakenBackup) {
        let result = taken.result, manifest = result.manifest
        let rows = Self.totalRows(manifest.tables)
        if output.format == .json {
            output.result(JSON.encode(BackupDocument(
                archive: result.archive, manifest: result.manifestFile, sha256: manifest.sha256, size: manifest.size,
                schemaOnly: manifest.schemaOnly, takenAt: manifest.takenAt, source: manifest.source,
                serverVersion: manifest.serverVersion.text, pgDumpVersion: manifest.pgDumpVersion.text, pgDump: result.pgDump,
                entries: result.contents.entryCount, tableDataEntries: result.contents.tableDataCount, tables: manifest.tables,
                rows: rows, pruned: taken.pruned, dumpMs: result.dumpMs, checkMs: result.checkMs
            )))
            return
        }
        let source = manifest.source.environment.map { "env:\($0) (\(manifest.source.url))" } ?? manifest.source.url
        var lines = [
            "Backed up \(source) to \(result.archive)" + (manifest.schemaOnly ? " (schema only)" : ""),
            "  size      \(Self.bytes(manifest.size))",
            "  sha256    \(manifest.sha256)",
            "  manifest  \(result.manifestFile)",
            "  contents  \(result.contents.entryCount) entries read back by pg_restore --list; "
                + (manifest.schemaOnly
                    ? "\(manifest.tables.count) table\(manifest.tables.count == 1 ? "" : "s"), no rows"
                    : "\(manifest.tables.count) table\(manifest.tables.count == 1 ? "" : "s") with \(Self.count(rows ?? 0)) row\(rows == 1 ? "" : "s") counted in the dump's snapshot"),
            "  versions  server PostgreSQL \(manifest.serverVersion), pg_dump \(manifest.pgDumpVersion) (\(result.pgDump))",
            "  took      \(Self.seconds(result.dumpMs + result.checkMs)) (dump \(Self.seconds(result.dumpMs)), checks \(Self.seconds(result.checkMs)))",
        ]
        if !taken.pruned.isEmpty {
            lines.append("Pruned \(taken.pruned.count) older backup\(taken.pruned.count == 1 ? "" : "s") (backup.keep): " + taken.pruned.joined(separator: ", "))
        }
        output.result(lines.joined(separator: "\n"))
    }

    /// The line `up` prints after its backup.
    func beforeUpLine(_ taken: CommandContext.TakenBackup) -> String {
        let manifest = taken.result.manifest
        var line = "Backed up to \(taken.result.archive) (\(Self.bytes(manifest.size)), sha256 \(manifest.sha256.prefix(12))…, "
            + "\(manifest.tables.count) table\(manifest.tables.count == 1 ? "" : "s"), \(Self.seconds(taken.result.dumpMs + taken.result.checkMs)))."
        if !taken.pruned.isEmpty { line += " Pruned \(taken.pruned.count) older." }
        return line
    }

    // MARK: - restore

    /// `{"archive", "manifest", "sha256", "size", "target", "jobs", "clean", "entries", "duration_ms"}`.
    struct RestoreDocument: Encodable {
        var archive: String
        var manifest: String?
        var sha256: String
        var size: Int64
        var target: TargetSummary
        var jobs: Int
        var clean: Bool
        var entries: Int
        var durationMs: Int

        enum CodingKeys: String, CodingKey {
            case archive, manifest, sha256, size, target, jobs, clean, entries, durationMs = "duration_ms"
        }
    }

    func renderRestore(_ archive: CheckedArchive, target: TargetSummary, options: PgRestore.Options, durationMs: Int) {
        let manifest = archive.manifest.map { _ in BackupManifest.path(forArchive: archive.displayName) }
        if output.format == .json {
            output.result(JSON.encode(RestoreDocument(
                archive: archive.displayName, manifest: manifest, sha256: archive.digest.sha256, size: archive.digest.size,
                target: target, jobs: options.jobs, clean: options.clean, entries: archive.contents.entryCount, durationMs: durationMs
            )))
            return
        }
        let label = "env:\(target.environment)" + (target.url.map { " (\($0))" } ?? "")
        var lines = [
            "Restored \(archive.displayName) into \(label): \(archive.contents.entryCount) entries, "
                + "\(options.jobs) job\(options.jobs == 1 ? "" : "s")\(options.clean ? ", --clean" : ""), \(Self.seconds(durationMs)).",
        ]
        lines.append(manifest.map { "  checked   size and sha256 \(archive.digest.sha256) match \($0)" }
            ?? "  checked   readable by pg_restore --list (no manifest beside it: size and SHA-256 not checked)")
        output.result(lines.joined(separator: "\n"))
    }

    // MARK: - formatting

    static func totalRows(_ tables: [TableRowCount]) -> Int64? {
        tables.contains { $0.rows == nil } && !tables.isEmpty ? nil : tables.reduce(0) { $0 + ($1.rows ?? 0) }
    }

    /// `12.3 MB (12,345,678 bytes)`.
    static func bytes(_ size: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var value = Double(size), unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(size) bytes" : String(format: "%.1f", value) + " \(units[unit]) (\(count(size)) bytes)"
    }

    /// `12,345,678`.
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `3.2 s` or `850 ms`.
    static func seconds(_ milliseconds: Int) -> String {
        milliseconds < 1000 ? "\(milliseconds) ms" : String(format: "%.1f s", Double(milliseconds) / 1000)
    }
}
