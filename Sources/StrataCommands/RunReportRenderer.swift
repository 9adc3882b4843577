import StrataMigrate

/// The result of `up`, `down`, `redo`, `reset`, `baseline` and `mark`: a summary line
/// (text) or one JSON document with the report and the status summary after it.
struct RunReportRenderer {
    let output: Output

    struct Document: Encodable {
        var target: TargetSummary
        var direction: MigrationDirection
        var batch: Int?
        var dryRun: Bool
        var transactionMode: MigratorConfiguration.TransactionMode
        var migrations: [MigrationRunReport.Entry]
        var durationMs: Int
        var summary: [String: Int]?

        init(_ report: MigrationRunReport, target: TargetSummary, status: MigrationStatus?) {
            self.target = target
            direction = report.direction
            batch = report.batch
            dryRun = report.dryRun
            transactionMode = report.transactionMode
            migrations = report.migrations
            durationMs = report.durationMs
            summary = status.map(StatusRenderer.summaryCounts)
        }

        enum CodingKeys: String, CodingKey {
            case target, direction, batch, dryRun = "dry_run", transactionMode = "transaction_mode", migrations
            case durationMs = "duration_ms", summary
        }
    }

    func render(_ report: MigrationRunReport, target: TargetSummary, status: MigrationStatus?) {
        if output.format == .json {
            output.result(JSON.encode(Document(report, target: target, status: status)))
            return
        }
        var text = RunRenderer.summary(report)
        if let status { text += " " + StatusRenderer.summaryLine(status, output: output) + "." }
        output.result(text)
    }

    /// Several reports (redo: down then up) as one document.
    func render(_ reports: [MigrationRunReport], target: TargetSummary, status: MigrationStatus?) {
        if output.format == .json {
            struct Combined: Encodable {
                var target: TargetSummary
                var runs: [Document]
                var summary: [String: Int]?
            }
            output.result(JSON.encode(Combined(
                target: target, runs: reports.map { Document($0, target: target, status: nil) },
                summary: status.map(StatusRenderer.summaryCounts)
            )))
            return
        }
        var lines = reports.map(RunRenderer.summary)
        if let status { lines.append(StatusRenderer.summaryLine(status, output: output) + ".") }
        output.result(lines.joined(separator: "\n"))
    }

    /// The SQL a dry run would execute, with transaction boundaries as they would be.
    func renderDryRun(_ report: MigrationRunReport, target: TargetSummary) {
        if output.format == .json {
            output.result(JSON.encode(Document(report, target: target, status: nil)))
            return
        }
        let verb = report.direction == .up ? "apply" : "roll back"
        guard !report.migrations.isEmpty else {
            output.result("-- Dry run: nothing to \(verb) on \(target.url ?? target.environment).")
            return
        }
        let migrations = report.migrations.count { $0.kind == .versioned }
        let scripts = report.migrations.count - migrations
        var text = "-- Dry run: would \(verb) \(migrations) migration(s)" + (scripts > 0 ? " and run \(scripts) script(s)" : "")
            + " on \(target.url ?? target.environment)"
        text += " in \(report.transactionMode.rawValue) mode. Nothing was changed.\n"
        var open = false
        for entry in report.migrations {
            let transactional = entry.isTransactional ?? true
            if transactional && !open {
                text += "\nBEGIN;\n"
                open = true
            } else if !transactional && open {
                text += "COMMIT;\n"
                open = false
            }
            let kind = entry.kind == .versioned ? "" : " (\(entry.kind.rawValue) script)"
            text += "\n-- \(entry.file ?? "\(entry.version.text)_\(entry.name)")" + kind + (transactional ? "" : " (no transaction)") + "\n"
            for statement in entry.statements ?? [] {
                text += statement + ";\n"
            }
            if transactional && report.transactionMode == .each {
                text += "COMMIT;\n"
                open = false
            }
        }
        if open { text += "\nCOMMIT;\n" }
        output.result(text)
    }
}
