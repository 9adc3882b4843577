import StrataDiff
import StrataDocs
import StrataGenerate
import StrataSchema

/// A plan as SQL, as a readable summary grouped by object, or as JSON. Every format says
/// what was not compared: the facets `compare:` turned off, and the objects of kinds Strata
/// does not compare (DESIGN §9).
struct PlanRenderer {
    let output: Output
    /// What was compared besides the objects; what was not is said in every format.
    var comparison = ComparisonScope.default

    struct Document: Encodable {
        var from: String
        var to: String
        var empty: Bool
        var statements: [PlannedStatement]
        var hazards: [Hazard]
        var notCompared: [NotComparedEntry]
        var compared: ComparisonNote.Document

        enum CodingKeys: String, CodingKey {
            case from, to, empty, statements, hazards, notCompared = "not_compared", compared
        }
    }

    /// Prints the plan in the output's format; `before`, the schema it starts from, names the
    /// table of each dropped index in Markdown.
    func render(_ plan: Plan, from: String, to: String, before: Schema? = nil) {
        switch output.format {
        case .json:
            output.result(JSON.encode(Document(
                from: from, to: to, empty: !plan.hasDifferences, statements: plan.statements, hazards: plan.hazards,
                notCompared: plan.notCompared, compared: ComparisonNote.Document(comparison)
            )))
        case .sql:
            output.result(sql(plan, from: from, to: to))
        case .markdown:
            output.result(PlanMarkdown.document(plan, from: from, to: to, before: before, notes: notes(plan)))
        case .text, .github:
            output.result(summary(plan, from: from, to: to))
        }
    }

    /// `not compared: …` lines, one per object that is not compared (DESIGN §9).
    func notComparedLines(_ plan: Plan) -> [String] {
        plan.notCompared.map { "not compared: " + $0.description }
    }

    /// The lines that follow the first line of any format: the facets not compared, then
    /// the objects not compared.
    func notes(_ plan: Plan) -> [String] {
        (ComparisonNote.text(comparison).map { [$0] } ?? []) + notComparedLines(plan)
    }

    /// "No differences …", worded for what was compared.
    private func noDifferences(_ plan: Plan, from: String, to: String) -> String {
        plan.notCompared.isEmpty
            ? "No differences: \(from) and \(to) have the same schema."
            : "No differences in the compared objects of \(from) and \(to)."
    }

    /// The SQL with each statement's hazards as comments above it.
    func sql(_ plan: Plan, from: String, to: String) -> String {
        let notes = notes(plan).map { "\n-- " + $0 }.joined()
        if plan.isEmpty { return "-- " + noDifferences(plan, from: from, to: to) + notes }
        var text = "-- From \(from) to \(to): \(plan.statements.count) statement(s)." + notes + "\n"
        for statement in plan.statements {
            text += "\n"
            for hazard in statement.hazards { text += "-- hazard \(hazard.code): \(hazard.message)\n" }
            if !statement.isTransactional { text += "-- cannot run inside a transaction block\n" }
            text += statement.sql + ";\n"
        }
        return text
    }

    /// One block per object, one line per change, hazards in brackets.
    func summary(_ plan: Plan, from: String, to: String) -> String {
        let notes = notes(plan).map { "\n" + $0 }.joined()
        if plan.isEmpty { return noDifferences(plan, from: from, to: to) + notes }
        var text = "Changes from \(from) to \(to):\n"
        var order: [String] = []
        var groups: [String: [PlannedStatement]] = [:]
        for statement in plan.statements {
            let key = statement.object.table.map { "table \($0)" } ?? statement.object.description
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(statement)
        }
        for key in order {
            text += "\n" + output.paint(key, .bold) + "\n"
            for statement in groups[key] ?? [] {
                let symbol: String
                switch statement.action {
                case "create": symbol = output.paint("+", .green)
                case "drop": symbol = output.paint("-", .red)
                default: symbol = output.paint("~", .yellow)
                }
                var line = "  \(symbol) \(statement.action) \(statement.object.kind) \(statement.object.name)"
                if !statement.hazards.isEmpty {
                    line += " " + output.paint("[" + statement.hazards.map(\.code.description).joined(separator: ", ") + "]", .red)
                }
                text += line + "\n"
            }
        }
        let counts = Dictionary(grouping: plan.statements.flatMap(\.hazards), by: \.code.description).mapValues(\.count)
        text += "\n\(plan.statements.count) statement(s)"
        if !counts.isEmpty {
            text += "; hazards: " + counts.keys.sorted().map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        }
        return text + "." + notes
    }
}
