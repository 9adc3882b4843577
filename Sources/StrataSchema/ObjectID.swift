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
        case .defaultPrivileges: return "default privileges"
        }
    }

    /// The table an object belongs to (columns, constraints, triggers, policies), if any.
    public var table: QualifiedName? {
        switch self {
        case .column(let table, _), .constraint(let table, _), .trigger(let table, _), .policy(let table, _): return table
        default: return nil
        }
    }

    /// A readable name: `public.users`, `public.users.email`, `public.f(integer)`.
    public var name: String {
        switch self {
        case .namespace(let name), .extension(let name): return name
        case .collation(let name), .type(let name), .sequence(let name), .table(let name), .index(let name), .view(let name):
            return name.description
        case .column(let table, let name), .constraint(let table, let name), .trigger(let table, let name), .policy(let table, let name):
            return "\(table).\(name)"
        case .routine(let name, let arguments): return "\(name)(\(arguments))"
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
             (.table(let a), .table(let b)), (.index(let a), .index(let b)), (.view(let a), .view(let b)):
            return a < b
        case (.column(let t1, let n1), .column(let t2, let n2)), (.constraint(let t1, let n1), .constraint(let t2, let n2)),
             (.trigger(let t1, let n1), .trigger(let t2, let n2)), (.policy(let t1, let n1), .policy(let t2, let n2)):
            return t1 == t2 ? bytesPrecede(n1, n2) : t1 < t2
        case (.routine(let n1, let a1), .routine(let n2, let a2)):
            return n1 == n2 ? bytesPrecede(a1, a2) : n1 < n2
        case (.defaultPrivileges(let a), .defaultPrivileges(let b)):
            return a < b
        default:
            return false
        }
    }

    /// The position of the kind in the order (alphabetical by ``kind``).
    private var rank: Int {
        switch self {
        case .collation: return 0
        case .column: return 1
        case .constraint: return 2
        case .extension: return 3
        case .index: return 4
        case .policy: return 5
        case .routine: return 6
        case .namespace: return 7
        case .sequence: return 8
        case .table: return 9
        case .trigger: return 10
        case .type: return 11
        case .view: return 12
        case .defaultPrivileges: return 13
        }
    }

    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let schema = try container.decodeIfPresent(String.self, forKey: .schema) ?? ""
        let name = try container.decode(String.self, forKey: .name)
        let table = try container.decodeIfPresent(QualifiedName.self, forKey: .table)
        let arguments = try container.decodeIfPresent(String.self, forKey: .arguments) ?? ""
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

    enum CodingKeys: String, CodingKey { case kind, schema, name, table, arguments, role }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .namespace(let name), .extension(let name):
            try container.encode(name, forKey: .name)
        case .collation(let name), .type(let name), .sequence(let name), .table(let name), .index(let name), .view(let name):
            try container.encode(name.schema, forKey: .schema)
            try container.encode(name.name, forKey: .name)
        case .column(let table, let name), .constraint(let table, let name), .trigger(let table, let name), .policy(let table, let name):
            try container.encode(table, forKey: .table)
            try container.encode(name, forKey: .name)
        case .routine(let name, let arguments):
            try container.encode(name.schema, forKey: .schema)
            try container.encode(name.name, forKey: .name)
            try container.encode(arguments, forKey: .arguments)
        case .defaultPrivileges(let key):
            try container.encodeIfPresent(key.role, forKey: .role)
            try container.encodeIfPresent(key.schema, forKey: .schema)
            try container.encode(key.kind.rawValue, forKey: .name)
        }
    }
}
