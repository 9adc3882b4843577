import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func ruleSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createRule(_, let rule):
            return trimmed(rule.definition)
        case .replaceRule(_, let rule):
            // pg_get_ruledef reads `CREATE RULE …`.
            let definition = trimmed(rule.definition)
            guard definition.hasPrefix("CREATE RULE ") else { return definition }
            return "CREATE OR REPLACE RULE " + definition.dropFirst("CREATE RULE ".count)
        case .dropRule(let table, let rule):
            return "DROP RULE " + identifier(rule) + " ON " + name(table)
        case .setRuleEnabled(let table, let rule, let enabled):
            return alterTable(table) + " " + enableKeyword(enabled) + " RULE " + identifier(rule)
        default:
            preconditionFailure("not a rule change: \(change)")
        }
    }

    /// `ENABLE`, `DISABLE`, `ENABLE REPLICA` or `ENABLE ALWAYS`, for triggers and rules.
    static func enableKeyword(_ enabled: Trigger.Enabled) -> String {
        switch enabled {
        case .origin: return "ENABLE"
        case .disabled: return "DISABLE"
        case .replica: return "ENABLE REPLICA"
        case .always: return "ENABLE ALWAYS"
        }
    }
}
