import StrataDiff
import StrataGenerate
import StrataSchema

/// A plan as SQL, as a readable summary grouped by object, or as JSON.
struct PlanRenderer {
    let output: Output

    struct Document: Encodable {
        var from: String
        var to: String
        var empty: Bool
        var statements: [PlannedStatement]
        var hazards: [Hazard]
        var notCompared: [NotComparedEntry]

        enum CodingKeys: String, CodingKey {
            case from, to, empty, statements, hazards, notCompared = "not_compared"
        }
    }

    func render(_ plan: Plan, from: String, to: String) {
        switch output.format {
        case .json:
            output.result(JSON.encode(Document(
                from: from, to: to, empty: !plan.hasDifferences, statements: plan.statements, hazards: plan.hazards,
                notCompared: plan.notCompared
            )))
        case .sql:
            output.result(sql(plan, from: from, to: to))
        case .text:
            output.result(summary(plan, from: from, to: to))
        }
    }

    /// `not compared: …` lines, one per object that is not compared (DESIGN §9).
    func notComparedLines(_ plan: Plan) -> [String] {
        plan.notCompared.map { "not compared: " + $0.description }
    }

    /// The SQL with each statement's hazards as comments above it.
    func sql(_ plan: Plan, from: String, to: String) -> String {
        let notCompared = notComparedLines(plan).map { "-- " + $0 }.joined(separator: "\n")
        if plan.isEmpty {
            if plan.notCompared.isEmpty { return "-- No differences between \(from) and \(to)." }
            return "-- No differences in the compared objects between \(from) and \(to).\n" + notCompared
        }
        var text = "-- From \(from) to \(to): \(plan.statements.count) statement(s).\n"
        if !notCompared.isEmpty { text += notCompared + "\n" }
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
        let notCompared = notComparedLines(plan)
        if plan.isEmpty {
            if notCompared.isEmpty { return "No differences: \(from) and \(to) have the same schema." }
            return "No differences in the compared objects of \(from) and \(to).\n" + notCompared.joined(separator: "\n")
        }
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
        text += "."
        if !notCompared.isEmpty { text += "\n" + notCompared.joined(separator: "\n") }
        return text
    }
}
