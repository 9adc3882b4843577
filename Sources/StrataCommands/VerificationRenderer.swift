import Foundation
import StrataBackup
import StrataSchema

/// `strata restore --verify` as text or one JSON document (the ``VerificationReport``,
/// `passed` included).
struct VerificationRenderer {
    let output: Output

    func render(_ report: VerificationReport) {
        if output.format == .json {
            output.result(JSON.encode(report))
        } else {
            output.result(text(report))
        }
    }

    func text(_ report: VerificationReport) -> String {
        let verdict: String
        switch report.outcome {
        case .passed: verdict = output.paint("passed", .green)
        case .mismatch: verdict = output.paint("MISMATCH", .red)
        case .notCompared: verdict = output.paint("restored, not compared", .yellow)
        }
        var lines = ["Verified \(report.archive): \(verdict)"]
        if let manifest = report.manifest {
            lines.append("  archive   \(BackupRenderer.bytes(report.size)), sha256 \(report.sha256) matches \(manifest)")
        } else {
            lines.append("  archive   \(BackupRenderer.bytes(report.size)), sha256 \(report.sha256); no manifest beside it")
        }
        if let source = report.source {
            let name = source.environment.map { "env:\($0) (\(source.url))" } ?? source.url
            lines.append("  source    \(name), taken \(report.takenAt ?? "at an unknown time")")
        }
        lines.append("  restored  into a scratch database with \(report.jobs) job\(report.jobs == 1 ? "" : "s") in \(BackupRenderer.seconds(report.restoreMs)); compared in \(BackupRenderer.seconds(report.compareMs))")
        guard report.outcome != .notCompared else {
            let rows = BackupRenderer.totalRows(report.tables.map { TableRowCount(table: QualifiedName($0.schema, $0.name), rows: $0.actual) }) ?? 0
            lines.append("  tables    \(report.tables.count) restored with \(BackupRenderer.count(rows)) rows")
            lines.append("Not compared: without the manifest (\(report.archive).json) there is no record of the source's schema and row counts;")
            lines.append("the archive restored to the end, which proves it readable. Take backups with `strata backup` to verify them fully.")
            return lines.joined(separator: "\n")
        }
        if report.schemaDifferences.isEmpty && report.notCompared.isEmpty {
            lines.append("  schema    equal to the source's")
        } else {
            let count = report.schemaDifferences.count + report.notCompared.count
            lines.append("  schema    " + output.paint("\(count) difference\(count == 1 ? "" : "s")", .red) + " from the source's (SQL that would make the copy match):")
            for difference in report.schemaDifferences {
                lines.append("    \(difference.action) \(difference.object): \(difference.sql.replacingOccurrences(of: "\n", with: " ").prefix(160))")
            }
            for entry in report.notCompared { lines.append("    on one side only (not compared): \(entry)") }
        }
        let mismatched = report.mismatchedTables
        if report.schemaOnly {
            lines.append("  tables    \(report.tables.count) (schema only: rows not compared)" + (mismatched.isEmpty ? "" : ", \(mismatched.count) differ:"))
        } else {
            let rows = report.tables.reduce(Int64(0)) { $0 + ($1.expected ?? 0) }
            lines.append(
                "  rows      \(report.tables.count) table\(report.tables.count == 1 ? "" : "s"), \(BackupRenderer.count(rows)) rows in the source: "
                    + (mismatched.isEmpty ? "every count equal" : output.paint("\(mismatched.count) differ", .red) + ":")
            )
        }
        for table in mismatched {
            let expected = table.expected.map { BackupRenderer.count($0) } ?? "absent"
            let actual = table.actual.map { BackupRenderer.count($0) } ?? "absent"
            lines.append("    \(table.schema).\(table.name): \(expected) in the source, \(actual) restored")
        }
        return lines.joined(separator: "\n")
    }
}
