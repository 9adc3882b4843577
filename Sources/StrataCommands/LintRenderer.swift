import Foundation
import StrataLint
import StrataObserve

/// Writes a lint report as text (grouped by file, with the statement), JSON (the contract in
/// docs/lint.md) or GitHub workflow annotations.
struct LintRenderer {
    let output: Output

    /// What `--observe` adds to the JSON document (the rest is written by ``LintJSONWriter``).
    struct ObservedDocument: Encodable {
        var serverVersion: String
        var statements: [StatementObservation]
        var notObserved: [String]

        enum CodingKeys: String, CodingKey {
            case serverVersion = "server_version", statements, notObserved = "not_observed"
        }
    }

    func render(_ report: LintReport, observation: ObservationReport? = nil, assumedVersion: Int, files: Int) {
        switch output.format {
        case .json:
            let observed = observation.map {
                JSON.encode(ObservedDocument(serverVersion: $0.serverVersion, statements: $0.statements, notObserved: $0.notObserved))
                    .replacingOccurrences(of: "\n", with: "\n  ")
            }
            output.result(LintJSONWriter.document(report, observed: observed))
        case .github:
            renderGitHub(report)
        case .text, .sql, .markdown:
            if let observation { renderObservation(observation) }
            renderText(report, assumedVersion: assumedVersion, files: files)
        }
    }

    /// Per file, each observed statement with its duration, the locks it took, and what it
    /// rewrote and scanned.
    private func renderObservation(_ observation: ObservationReport) {
        var text = "Observed on PostgreSQL \(observation.serverVersion) (a scratch database):\n"
        var currentFile: String?
        for statement in observation.statements {
            if statement.file != currentFile {
                text += output.paint(statement.file, .bold) + "\n"
                currentFile = statement.file
            }
            text += "  \(statement.line):\(statement.column)  \(statement.statement)  " + output.paint(String(format: "%.1f ms", statement.durationMs), .gray) + "\n"
            var parts: [String] = []
            let locks = statement.locks.map { lock in
                (lock.granted ? "" : "waiting for ") + "\(lock.mode.name) on \(lock.relation ?? lock.lockType)"
            }
            parts.append(locks.isEmpty ? "locks: none on tables" : "locks: " + locks.joined(separator: ", "))
            if !statement.rewrites.isEmpty { parts.append(output.paint("rewrites: " + statement.rewrites.joined(separator: ", "), .red)) }
            if !statement.scans.isEmpty { parts.append("scans: " + statement.scans.joined(separator: ", ")) }
            text += "      " + parts.joined(separator: " · ") + "\n"
            if let note = statement.note { text += "      " + output.paint("note: " + note, .gray) + "\n" }
        }
        if !observation.notObserved.isEmpty {
            text += "Not observed (an earlier statement stopped the run): " + observation.notObserved.joined(separator: ", ") + "\n"
        }
        output.result(text)
    }

    /// Findings printed by `up` and `generate` before they go on: as warnings on stderr.
    func renderAsWarnings(_ report: LintReport) {
        for finding in report.findings {
            output.warning("lint \(finding.severity.rawValue) \(finding.rule.code) at \(finding.file):\(finding.line):\(finding.column): \(finding.message)")
        }
    }

    private func renderText(_ report: LintReport, assumedVersion: Int, files: Int) {
        var text = ""
        var currentFile: String?
        for finding in report.findings {
            if finding.file != currentFile {
                if currentFile != nil { text += "\n" }
                text += output.paint(finding.file, .bold) + "\n"
                currentFile = finding.file
            }
            let severity = finding.severity == .error ? output.paint("error  ", .red) : output.paint("warning", .yellow)
            text += "  \(finding.line):\(finding.column)  \(severity)  \(output.paint(finding.rule.code, .cyan))  \(finding.message)\n"
            if !finding.statement.isEmpty { text += "      " + output.paint("│ " + finding.statement, .gray) + "\n" }
            text += "      hint: \(finding.hint)\n"
        }
        let summary = report.summary
        let counts = "\(summary.errors) error\(summary.errors == 1 ? "" : "s"), \(summary.warnings) warning\(summary.warnings == 1 ? "" : "s")"
        let ignored = summary.ignored > 0 ? " (\(summary.ignored) ignored by lint-ignore comments)" : ""
        if !text.isEmpty { text += "\n" }
        text += "\(counts) in \(files) file\(files == 1 ? "" : "s") linted for PostgreSQL \(assumedVersion)\(ignored)."
        output.result(text)
    }

    private func renderGitHub(_ report: LintReport) {
        var text = ""
        for finding in report.findings {
            let level = finding.severity == .error ? "error" : "warning"
            let properties = [
                "file=\(Self.escapeProperty(finding.file))", "line=\(finding.line)", "col=\(finding.column)",
                "title=\(Self.escapeProperty("strata lint: \(finding.rule.code)"))",
            ].joined(separator: ",")
            text += "::\(level) \(properties)::\(Self.escapeData("\(finding.message)\nhint: \(finding.hint)"))\n"
        }
        if text.isEmpty { text = "::notice title=strata lint::no findings\n" }
        output.result(text)
    }

    /// Workflow-command data: `%`, CR and LF are encoded.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow-command properties: also `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
