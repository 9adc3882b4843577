import StrataAdopt
import StrataMigrate

/// `strata adopt` as text or as one JSON document.
struct AdoptRenderer {
    let output: Output

    func render(_ report: AdoptReport) {
        if output.format == .json {
            output.result(JSON.encode(report))
            return
        }
        let source = report.source.hasSuffix("/") ? String(report.source.dropLast()) : report.source
        output.progress("Adopting \(report.format.displayName) migrations from \(source) into \(report.migrationsFolder):")
        for entry in report.migrations {
            let verb: String
            switch entry.action {
            case .write: verb = report.dryRun ? "would write" : "wrote"
            case .unchanged: verb = "unchanged"
            case .overwrite: verb = report.dryRun ? "would overwrite" : "overwrote"
            case .conflict: verb = output.paint("differs", .red)
            }
            let from = entry.sources.joined(separator: ", ")
            output.progress("  \(verb) \(entry.file)  " + output.paint("<- \(from)", .gray))
        }
        for file in report.skipped {
            output.progress("  skipped \(file.file): " + file.reason)
        }
        var text = ""
        for file in report.notConverted {
            text += output.paint("not converted: ", .yellow) + "\(source)/\(file.file): \(file.reason)\n"
        }
        for problem in report.problems {
            var shown = problem
            if let file = problem.file { shown.file = source + "/" + file }
            text += shown.description + " " + output.paint("[\(problem.code)]", .gray) + "\n"
            if let hint = problem.hint { text += "  hint: " + hint + "\n" }
        }
        text += summary(report)
        if let history = report.history { text += "\n" + describe(history, report: report) }
        output.result(text)
    }

    private func summary(_ report: AdoptReport) -> String {
        let others = "\(report.skipped.count) file(s) skipped, \(report.notConverted.count) not converted"
        if !report.problems.isEmpty {
            return "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found; nothing was written."
        }
        if report.blockedByUnconverted {
            return "\(report.notConverted.count) migration(s) cannot be converted; nothing was written. "
                + "Add --allow-unconverted to write the \(report.migrations.count) that can."
        }
        let conflicts = report.count(.conflict)
        if conflicts > 0 {
            return "\(conflicts) file(s) in \(report.migrationsFolder) differ from the converted ones; nothing was written. "
                + "Add --force to overwrite them."
        }
        let unchanged = report.count(.unchanged), overwritten = report.count(.overwrite)
        var extras: [String] = []
        if unchanged > 0 { extras.append("\(unchanged) unchanged") }
        if overwritten > 0 { extras.append("\(overwritten) \(report.dryRun ? "to overwrite" : "overwritten")") }
        let detail = extras.isEmpty ? "" : " (" + extras.joined(separator: ", ") + ")"
        let written = report.count(.write) + overwritten
        return (report.dryRun ? "Would write" : "Wrote") + " \(written) migration file(s) to \(report.migrationsFolder)\(detail); \(others)."
    }

    private func describe(_ history: AdoptReport.History, report: AdoptReport) -> String {
        var text = "\(history.table): \(history.rows) row(s), \(history.applied.count) applied migration(s) with a converted file; "
        if let recorded = history.recorded {
            let already = history.applied.count - recorded.count
            text += recorded.isEmpty
                ? "nothing new to record"
                : "recorded \(recorded.count) as applied in batch \(history.batch ?? 0) of Strata's history, without running them"
            if already > 0 { text += " (\(already) already recorded)" }
        } else {
            text += "would record them as applied in Strata's history"
        }
        text += "."
        if let status = history.status { text += " " + StatusRenderer.summaryLine(status, output: output) + "." }
        if !history.withoutFile.isEmpty {
            text += "\nApplied by \(report.format.displayName) but without a converted file (not recorded): "
                + history.withoutFile.joined(separator: ", ") + "."
        }
        return text
    }
}
