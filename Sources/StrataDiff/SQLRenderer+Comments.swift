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
            object = kind.keyword + " " + name(routine) + "(" + arguments + ")"
        case .trigger(let table, let trigger): object = "TRIGGER " + identifier(trigger) + " ON " + name(table)
        case .policy(let table, let policy): object = "POLICY " + identifier(policy) + " ON " + name(table)
        case .rule(let table, let rule): object = "RULE " + identifier(rule) + " ON " + name(table)
        case .statistics(let statistics): object = "STATISTICS " + name(statistics)
        case .cast(let source, let target): object = "CAST (" + source + " AS " + target + ")"
        case .operator(let item, let arguments): object = "OPERATOR " + operatorName(item) + " (" + arguments + ")"
        case .textSearchDictionary(let dictionary): object = "TEXT SEARCH DICTIONARY " + name(dictionary)
        case .textSearchConfiguration(let configuration): object = "TEXT SEARCH CONFIGURATION " + name(configuration)
        }
        return "COMMENT ON " + object + " IS " + (text.map(SQLLiteral.quote) ?? "NULL")
    }
}
