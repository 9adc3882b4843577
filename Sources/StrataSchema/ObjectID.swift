/// The identity of a schema object, stable across databases: what the differ matches
/// objects by and what dependency edges connect.
public enum ObjectID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case namespace(String)
    case `extension`(String)
    case collation(QualifiedName)
    /// An enum, domain or composite type.
    case type(QualifiedName)
    case sequence(QualifiedName)
    /// A table, partitioned table or partition.
    case table(QualifiedName)
    case column(table: QualifiedName, name: String)
    /// A table constraint (primary key, unique, check, foreign key, exclusion).
    case constraint(table: QualifiedName, name: String)
    /// An index, named in its table's schema.
    case index(QualifiedName)
    /// A view or materialized view.
    case view(QualifiedName)
    /// A function or procedure: its name and identity arguments (`integer, text`).
    case routine(QualifiedName, arguments: String)
    case trigger(table: QualifiedName, name: String)
    case policy(table: QualifiedName, name: String)
    /// A rewrite rule on a table or view (not a view's `_RETURN` rule).
    case rule(table: QualifiedName, name: String)
    /// An extended statistics object, named in its schema.
    case statistics(QualifiedName)
    /// A cast between two types, each as `format_type` spells it.
    case cast(source: String, target: String)
    /// An operator: its schema and symbol, and its operand types (`integer, integer`,
    /// `NONE, integer` for a prefix operator).
    case `operator`(QualifiedName, arguments: String)
    case textSearchConfiguration(QualifiedName)
    case textSearchDictionary(QualifiedName)
    /// An `ALTER DEFAULT PRIVILEGES` entry: for a role (nil: the role Strata connects
    /// as), in a schema or everywhere, for a kind of object.
    case defaultPrivileges(DefaultPrivileges.Key)

    /// The kind, as a word for messages and JSON (`table`, `column`, `index`, …).
    public var kind: String {
        switch self {
        case .namespace: return "schema"
        case .extension: return "extension"
        case .collation: return "collation"
        case .type: return "type"
        case .sequence: return "sequence"
        case .table: return "table"
        case .column: return "column"
        case .constraint: return "constraint"
        case .index: return "index"
        case .view: return "view"
        case .routine: return "routine"
        case .trigger: return "trigger"
        case .policy: return "policy"
        case .rule: return "rule"
        case .statistics: return "statistics"
        case .cast: return "cast"
        case .operator: return "operator"
        case .textSearchConfiguration: return "text search configuration"
        case .textSearchDictionary: return "text search dictionary"
        case .defaultPrivileges: return "default privileges"
        }
    }

    /// The table an object belongs to (columns, constraints, triggers, policies), if any.
    public var table: QualifiedName? {
        switch self {
        case .column(let table, _), .constraint(let table, _), .trigger(let table, _), .policy(let table, _), .rule(let table, _):
            return table
        default: return nil
        }
    }

    /// A readable name: `public.users`, `public.users.email`, `public.f(integer)`.
    public var name: String {
        switch self {
        case .namespace(let name), .extension(let name): return name
        case .collation(let name), .type(let name), .sequence(let name), .table(let name), .index(let name), .view(let name),
             .statistics(let name), .textSearchConfiguration(let name), .textSearchDictionary(let name):
            return name.description
        case .column(let table, let name), .constraint(let table, let name), .trigger(let table, let name), .policy(let table, let name),
             .rule(let table, let name):
            return "\(table).\(name)"
        case .routine(let name, let arguments), .operator(let name, let arguments): return "\(name)(\(arguments))"
        case .cast(let source, let target): return "(\(source) AS \(target))"
        case .defaultPrivileges(let key):
            return "on \(key.kind.rawValue.lowercased())" + (key.role.map { " for role \($0)" } ?? "")
                + (key.schema.map { " in schema \($0)" } ?? "")
        }
    }

    /// `kind name`, e.g. `column public.users.email`.
    public var description: String { "\(kind) \(name)" }

    /// A total order without building strings: by kind, then by the name's parts, each
    /// compared byte by byte.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        switch (lhs, rhs) {
        case (.namespace(let a), .namespace(let b)), (.extension(let a), .extension(let b)):
            return bytesPrecede(a, b)
        case (.collation(let a), .collation(let b)), (.type(let a), .type(let b)), (.sequence(let a), .sequence(let b)),
             (.table(let a), .table(let b)), (.index(let a), .index(let b)), (.view(let a), .view(let b)),
             (.statistics(let a), .statistics(let b)), (.textSearchConfiguration(let a), .textSearchConfiguration(let b)),
             (.textSearchDictionary(let a), .textSearchDictionary(let b)):
            return a < b
        case (.column(let t1, let n1), .column(let t2, let n2)), (.constraint(let t1, let n1), .constraint(let t2, let n2)),
             (.trigger(let t1, let n1), .trigger(let t2, let n2)), (.policy(let t1, let n1), .policy(let t2, let n2)),
             (.rule(let t1, let n1), .rule(let t2, let n2)):
            return t1 == t2 ? bytesPrecede(n1, n2) : t1 < t2
        case (.routine(let n1, let a1), .routine(let n2, let a2)), (.operator(let n1, let a1), .operator(let n2, let a2)):
            return n1 == n2 ? bytesPrecede(a1, a2) : n1 < n2
        case (.cast(let s1, let t1), .cast(let s2, let t2)):
            return s1 == s2 ? bytesPrecede(t1, t2) : bytesPrecede(s1, s2)
        case (.defaultPrivileges(let a), .defaultPrivileges(let b)):
            return a < b
        default:
            return false
        }
    }

    /// The position of the kind in the order (alphabetical by ``kind``).
    var rank: Int {
        switch self {
        case .cast: return 0
        case .collation: return 1
        case .column: return 2
        case .constraint: return 3
        case .defaultPrivileges: return 4
        case .extension: return 5
        case .index: return 6
        case .operator: return 7
        case .policy: return 8
        case .routine: return 9
        case .rule: return 10
        case .namespace: return 11
        case .sequence: return 12
        case .statistics: return 13
        case .table: return 14
        case .textSearchConfiguration: return 15
        case .textSearchDictionary: return 16
        case .trigger: return 17
        case .type: return 18
        case .view: return 19
        }
    }

    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let schema = try container.decodeIfPresent(String.self, forKey: .schema) ?? ""
        // Every kind but a cast has a name.
        let name = kind == "cast" ? "" : try container.decode(String.self, forKey: .name)
        let table = try container.decodeIfPresent(QualifiedName.self, forKey: .table)
        let arguments = try container.decodeIfPresent(String.self, forKey: .arguments) ?? ""
        func text(_ key: CodingKeys) throws -> String {
            guard let value = try container.decodeIfPresent(String.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(kind) needs \(key.stringValue)")
            }
            return value
        }
        func tableOrFail() throws -> QualifiedName {
            guard let table else {
                throw DecodingError.dataCorruptedError(forKey: .table, in: container, debugDescription: "\(kind) needs a table")
            }
            return table
        }
        switch kind {
        case "schema": self = .namespace(name)
        case "extension": self = .extension(name)
        case "collation": self = .collation(QualifiedName(schema, name))
        case "type": self = .type(QualifiedName(schema, name))
        case "sequence": self = .sequence(QualifiedName(schema, name))
        case "table": self = .table(QualifiedName(schema, name))
        case "column": self = .column(table: try tableOrFail(), name: name)
        case "constraint": self = .constraint(table: try tableOrFail(), name: name)
        case "index": self = .index(QualifiedName(schema, name))
        case "view": self = .view(QualifiedName(schema, name))
        case "routine": self = .routine(QualifiedName(schema, name), arguments: arguments)
        case "trigger": self = .trigger(table: try tableOrFail(), name: name)
        case "policy": self = .policy(table: try tableOrFail(), name: name)
        case "rule": self = .rule(table: try tableOrFail(), name: name)
        case "statistics": self = .statistics(QualifiedName(schema, name))
        case "cast": self = .cast(source: try text(.source), target: try text(.target))
        case "operator": self = .operator(QualifiedName(schema, name), arguments: arguments)
        case "text search configuration": self = .textSearchConfiguration(QualifiedName(schema, name))
        case "text search dictionary": self = .textSearchDictionary(QualifiedName(schema, name))
        case "default privileges":
            guard let privilegeKind = DefaultPrivileges.Kind(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: "unknown default privileges kind \(name)")
            }
            self = .defaultPrivileges(DefaultPrivileges.Key(
                role: try container.decodeIfPresent(String.self, forKey: .role),
                schema: try container.decodeIfPresent(String.self, forKey: .schema), kind: privilegeKind
            ))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown object kind \(kind)")
        }
    }

    enum CodingKeys: String, CodingKey { case kind, schema, name, table, arguments, source, target, role }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .namespace(let name), .extension(let name):
            try container.encode(name, forKey: .name)
        case .collation(let name), .type(let name), .sequence(let name), .table(let name), .index(let name), .view(let name),
             .statistics(let name), .textSearchConfiguration(let name), .textSearchDictionary(let name):
            try container.encode(name.schema, forKey: .schema)
            try container.encode(name.name, forKey: .name)
        case .column(let table, let name), .constraint(let table, let name), .trigger(let table, let name), .policy(let table, let name),
             .rule(let table, let name):
            try container.encode(table, forKey: .table)
            try container.encode(name, forKey: .name)
        case .routine(let name, let arguments), .operator(let name, let arguments):
            try container.encode(name.schema, forKey: .schema)
            try container.encode(name.name, forKey: .name)
            try container.encode(arguments, forKey: .arguments)
        case .cast(let source, let target):
            try container.encode(source, forKey: .source)
            try container.encode(target, forKey: .target)
        case .defaultPrivileges(let key):
            try container.encodeIfPresent(key.role, forKey: .role)
            try container.encodeIfPresent(key.schema, forKey: .schema)
            try container.encode(key.kind.rawValue, forKey: .name)
        }
    }
}
