import StrataDiff
import StrataSchema
import Testing

/// One differ case: source and target schemas, the exact statements and their hazard codes.
struct DiffCase: Sendable, CustomTestStringConvertible {
    var name: String
    var source: Schema
    var target: Schema
    var options = DiffOptions()
    var sql: [String]
    /// Hazard codes per statement; nil to skip the check.
    var hazards: [[String]]?

    var testDescription: String { name }

    init(_ name: String, from source: Schema, to target: Schema, options: DiffOptions = .init(), sql: [String], hazards: [[String]]? = nil) {
        self.name = name
        self.source = source
        self.target = target
        self.options = options
        self.sql = sql
        self.hazards = hazards
    }

    func check() throws {
        let plan = try SchemaDiffer.plan(from: source, to: target, options: options)
        #expect(plan.statements.map(\.sql) == sql, "\(name)")
        if let hazards {
            #expect(plan.statements.map { $0.hazards.map(\.code.rawValue) } == hazards, "\(name)")
        }
        // Re-planning from the target to itself is empty, and planning is deterministic.
        #expect(try SchemaDiffer.plan(from: target, to: target, options: .init()).isEmpty, "\(name)")
        #expect(try SchemaDiffer.plan(from: source, to: target, options: options) == plan, "\(name)")
    }
}
