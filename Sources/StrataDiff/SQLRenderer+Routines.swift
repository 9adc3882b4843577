import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func routineSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createRoutine(let routine), .replaceRoutine(let routine):
            // pg_get_functiondef already reads `CREATE OR REPLACE FUNCTION|PROCEDURE …`.
            return trimmed(routine.definition)
        case .dropRoutine(let routine, let arguments, let kind):
            return "DROP " + kind.keyword + " " + name(routine) + "(" + arguments + ")"
        default:
            preconditionFailure("not a routine change: \(change)")
        }
    }
}
