import StrataSchema

/// The object a `COMMENT ON` statement names.
public enum CommentTarget: Sendable, Hashable, Codable {
    case schema(String)
    case collation(QualifiedName)
    /// An enum, composite or range type.
    case type(QualifiedName)
    case domain(QualifiedName)
    case sequence(QualifiedName)
    case table(QualifiedName)
    /// A column of a table, view or materialized view.
    case column(QualifiedName, String)
    case constraint(QualifiedName, String)
    case index(QualifiedName)
    case view(QualifiedName, materialized: Bool)
    case routine(QualifiedName, arguments: String, kind: Routine.Kind)
    case trigger(QualifiedName, String)
    case policy(QualifiedName, String)
    case rule(QualifiedName, String)
    case statistics(QualifiedName)
    case cast(source: String, target: String)
    case `operator`(QualifiedName, arguments: String)
    case textSearchDictionary(QualifiedName)
    case textSearchConfiguration(QualifiedName)

    /// The identity of the commented object.
    public var object: ObjectID {
        switch self {
        case .schema(let name): return .namespace(name)
        case .collation(let name): return .collation(name)
        case .type(let name), .domain(let name): return .type(name)
        case .sequence(let name): return .sequence(name)
        case .table(let name): return .table(name)
        case .column(let table, let column): return .column(table: table, name: column)
        case .constraint(let table, let name): return .constraint(table: table, name: name)
        case .index(let name): return .index(name)
        case .view(let name, _): return .view(name)
        case .routine(let name, let arguments, _): return .routine(name, arguments: arguments)
        case .trigger(let table, let name): return .trigger(table: table, name: name)
        case .policy(let table, let name): return .policy(table: table, name: name)
        case .rule(let table, let name): return .rule(table: table, name: name)
        case .statistics(let name): return .statistics(name)
        case .cast(let source, let target): return .cast(source: source, target: target)
        case .operator(let name, let arguments): return .operator(name, arguments: arguments)
        case .textSearchDictionary(let name): return .textSearchDictionary(name)
        case .textSearchConfiguration(let name): return .textSearchConfiguration(name)
        }
    }
}
