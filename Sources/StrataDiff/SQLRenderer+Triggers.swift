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
            let mode: String
            switch enabled {
            case .origin: mode = "ENABLE"
            case .disabled: mode = "DISABLE"
            case .replica: mode = "ENABLE REPLICA"
            case .always: mode = "ENABLE ALWAYS"
            }
            return alterTable(table) + " " + mode + " TRIGGER " + identifier(trigger)
        default:
            preconditionFailure("not a trigger change: \(change)")
        }
    }
}
