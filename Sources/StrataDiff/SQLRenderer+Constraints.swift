import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func constraintSQL(_ change: SchemaChange) -> String {
        switch change {
        case .addConstraint(let table, let constraint):
            return alterTable(table) + " ADD CONSTRAINT " + identifier(constraint.name) + " " + constraint.definition
        case .dropConstraint(let table, let constraint):
            return alterTable(table) + " DROP CONSTRAINT " + identifier(constraint)
        case .validateConstraint(let table, let constraint):
            return alterTable(table) + " VALIDATE CONSTRAINT " + identifier(constraint)
        case .renameConstraint(let table, let from, let to):
            return alterTable(table) + " RENAME CONSTRAINT " + identifier(from) + " TO " + identifier(to)
        default:
            preconditionFailure("not a constraint change: \(change)")
        }
    }
}
