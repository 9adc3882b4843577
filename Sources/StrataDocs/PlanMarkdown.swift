import StrataDiff
import StrataSchema

/// A plan as Markdown, for a pull request or a ticket: the changes grouped by table and
/// object (``ChangeSummary``), the hazards, and the SQL. `strata diff --format markdown`
/// prints it, `strata drift --format markdown` embeds it, and migration records are
/// built from the same pieces.
public enum PlanMarkdown {
    /// A whole document: a title naming both sides, then ``body(_:level:before:noDifferences:notes:)``.
    public static func document(_ plan: Plan, from: String, to: String, before: Schema? = nil, notes: [String] = []) -> String {
        var text = "# Schema changes from \(Markdown.code(from)) to \(Markdown.code(to))\n\n"
        let none = plan.notCompared.isEmpty
            ? "No differences: \(Markdown.code(from)) and \(Markdown.code(to)) have the same schema."
            : "No differences in the compared objects of \(Markdown.code(from)) and \(Markdown.code(to))."
        text += body(plan, level: 2, before: before, noDifferences: none, notes: notes)
        return text
    }

    /// The counts, then sections of `level` (changes, hazards, SQL), then each note as a
    /// quote; `noDifferences` alone (and the notes) for an empty plan.
    public static func body(_ plan: Plan, level: Int, before: Schema? = nil, noDifferences: String, notes: [String] = []) -> String {
        let hashes = String(repeating: "#", count: level)
        var text = ""
        if plan.isEmpty {
            text += noDifferences + "\n"
        } else {
            text += "**\(plan.statements.count) statement\(plan.statements.count == 1 ? "" : "s")**; " + hazardCounts(plan.statements) + ".\n"
            text += "\n\(hashes) Changes\n"
            text += ChangeSummary(plan.statements, before: before).markdown(level: level + 1)
            text += hazardSection(plan.statements, level: level)
            text += "\n\(hashes) SQL\n\n" + Markdown.fenced(sql(plan.statements), language: "sql")
        }
        for note in notes { text += "\n> " + Markdown.text(note) + "\n" }
        return text
    }

    /// `hazards: 2 blocking-lock, 1 data-loss` or `no hazards`.
    public static func hazardCounts(_ statements: [PlannedStatement]) -> String {
        var counts: [String: Int] = [:]
        for hazard in statements.flatMap(\.hazards) { counts[hazard.code.rawValue, default: 0] += 1 }
        if counts.isEmpty { return "no hazards" }
        return "hazards: " + counts.keys.sorted().map { "\(counts[$0] ?? 0) \(Markdown.code($0))" }.joined(separator: ", ")
    }

    /// A table of every hazard with the object it concerns; nothing when there is none.
    public static func hazardSection(_ statements: [PlannedStatement], level: Int) -> String {
        let rows = statements.flatMap { statement in
            statement.hazards.map { [Markdown.code($0.code.rawValue), Markdown.cell(Markdown.text(statement.object.description)), Markdown.cell(Markdown.text($0.message))] }
        }
        guard !rows.isEmpty else { return "" }
        return "\n\(String(repeating: "#", count: level)) Hazards\n\n" + Markdown.table(["hazard", "object", "what happens"], rows)
    }

    /// The statements as a script, each hazard and each statement that cannot run in a
    /// transaction block said in a comment above it.
    public static func sql(_ statements: [PlannedStatement]) -> String {
        var text = ""
        for (index, statement) in statements.enumerated() {
            if index > 0 { text += "\n" }
            for hazard in statement.hazards { text += "-- hazard \(hazard.code): \(hazard.message)\n" }
            if !statement.isTransactional { text += "-- cannot run inside a transaction block\n" }
            text += statement.sql + ";\n"
        }
        return text
    }
}
