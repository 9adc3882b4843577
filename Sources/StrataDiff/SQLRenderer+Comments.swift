import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func commentSQL(_ target: CommentTarget, _ text: String?) -> String {
        let object: String
        switch target {
        case .schema(let schema): object = "SCHEMA " + identifier(schema)
        case .collation(let collation): object = "COLLATION " + name(collation)
        case .type(let type): object = "TYPE " + name(type)
        case .domain(let domain): object = "DOMAIN " + name(domain)
        case .sequence(let sequence): object = "SEQUENCE " + name(sequence)
        case .table(let table): object = "TABLE " + name(table)
        case .column(let table, let column): object = "COLUMN " + name(table) + "." + identifier(column)
        case .constraint(let table, let constraint): object = "CONSTRAINT " + identifier(constraint) + " ON " + name(table)
        case .index(let index): object = "INDEX " + name(index)
        case .view(let view, let materialized): object = (materialized ? "MATERIALIZED VIEW " : "VIEW ") + name(view)
        case .routine(let routine, let arguments, let kind):
            object = (kind == .procedure ? "PROCEDURE " : "FUNCTION ") + name(routine) + "(" + arguments + ")"
        case .trigger(let table, let trigger): object = "TRIGGER " + identifier(trigger) + " ON " + name(table)
        case .policy(let table, let policy): object = "POLICY " + identifier(policy) + " ON " + name(table)
        }
        return "COMMENT ON " + object + " IS " + (text.map(SQLLiteral.quote) ?? "NULL")
    }
}
