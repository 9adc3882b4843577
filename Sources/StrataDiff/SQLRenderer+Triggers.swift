import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func triggerSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createTrigger(_, let trigger):
            return trimmed(trigger.definition)
        case .dropTrigger(let table, let trigger):
            return "DROP TRIGGER " + identifier(trigger) + " ON " + name(table)
        case .setTriggerEnabled(let table, let trigger, let enabled):
            return alterTable(table) + " " + enableKeyword(enabled) + " TRIGGER " + identifier(trigger)
        default:
            preconditionFailure("not a trigger change: \(change)")
        }
    }
}
