import StrataDiff
import StrataDocs
import StrataMigrate
import StrataSchema

/// `strata drift` as text, JSON or Markdown: the history problems, then every differing
/// object and the SQL that would reconcile the target.
struct DriftRenderer {
    let output: Output
    var comparison = ComparisonScope.default

    private var plans: PlanRenderer { PlanRenderer(output: output, comparison: comparison) }

    func render(_ report: DriftReport) {
        switch output.format {
        case .json: output.result(json(report))
        case .markdown: output.result(markdown(report))
        case .text, .sql, .github: output.result(text(report))
        }
    }

    private func targetName(_ report: DriftReport) -> String {
        "env:\(report.target.environment)" + (report.target.url.map { " (\($0))" } ?? "")
    }

    func text(_ report: DriftReport) -> String {
        var lines = ["Drift of \(targetName(report)) against \(report.against): " + (report.hasDrift ? output.paint("drift found", .red) : output.paint("in sync", .green))]
        if !report.history.isEmpty {
            lines.append("")
            lines.append(output.paint("History", .bold))
            for entry in report.history { lines.append("  \(entry.state.rawValue): \(entry.version.text)_\(entry.name)" + (entry.file.map { " (\($0))" } ?? "")) }
        }
        if !report.pending.isEmpty {
            lines.append("")
            lines.append("\(report.pending.count) pending migration\(report.pending.count == 1 ? "" : "s") (not drift): " + report.pending.map(\.version.text).joined(separator: ", "))
        }
        lines.append("")
        lines.append(plans.summary(report.plan, from: "env:\(report.target.environment)", to: report.against))
        if !report.plan.isEmpty {
            lines.append("")
            lines.append("SQL that would make env:\(report.target.environment) match \(report.against):")
            lines.append(plans.sql(report.plan, from: "env:\(report.target.environment)", to: report.against))
        }
        return lines.joined(separator: "\n")
    }

    /// `{"target", "against", "in_sync", "history", "pending", "schema"}`; `schema` is the
    /// plan document of `strata diff --format json`.
    struct Document: Encodable {
        struct Entry: Encodable {
            var version: String
            var name: String
            var state: String
            var file: String?
        }

        var target: TargetSummary
        var against: String
        var inSync: Bool
        var history: [Entry]
        var pending: [Entry]
        var schema: PlanRenderer.Document

        enum CodingKeys: String, CodingKey {
            case target, against, inSync = "in_sync", history, pending, schema
        }
    }

    func json(_ report: DriftReport) -> String {
        func entry(_ entry: MigrationStatusEntry) -> Document.Entry {
            Document.Entry(version: entry.version.text, name: entry.name, state: entry.state.rawValue, file: entry.file)
        }
        return JSON.encode(Document(
            target: report.target, against: report.against, inSync: !report.hasDrift,
            history: report.history.map(entry), pending: report.pending.map(entry),
            schema: PlanRenderer.Document(
                from: "env:\(report.target.environment)", to: report.against, empty: !report.plan.hasDifferences,
                statements: report.plan.statements, hazards: report.plan.hazards, notCompared: report.plan.notCompared,
                compared: ComparisonNote.Document(comparison)
            )
        ))
    }

    func markdown(_ report: DriftReport) -> String {
        var text = "# Drift: env:\(report.target.environment) against \(report.against)\n\n"
        text += report.hasDrift ? "**Drift found.**\n" : "**In sync.**\n"
        if !report.history.isEmpty {
            text += "\n## History\n\n| version | name | state | file |\n| --- | --- | --- | --- |\n"
            for entry in report.history {
                text += "| \(entry.version.text) | \(Self.cell(entry.name)) | \(entry.state.rawValue) | \(Self.cell(entry.file ?? "")) |\n"
            }
        }
        if !report.pending.isEmpty {
            text += "\n\(report.pending.count) pending migration\(report.pending.count == 1 ? "" : "s") (not drift): "
                + report.pending.map { "`\($0.version.text)`" }.joined(separator: ", ") + "\n"
        }
        text += "\n## Schema\n\n"
        text += PlanMarkdown.body(
            report.plan, level: 3, noDifferences: "No differences in the compared objects.", notes: plans.notes(report.plan)
        )
        return text
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
