/// A function (window functions included), procedure or aggregate.
public struct Routine: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case function, procedure, aggregate
        /// The keyword of `DROP …` and `COMMENT ON …`.
        public var keyword: String {
            switch self {
            case .function: return "FUNCTION"
            case .procedure: return "PROCEDURE"
            case .aggregate: return "AGGREGATE"
            }
        }
    }

    public var name: QualifiedName
    /// `pg_get_function_identity_arguments`, e.g. `p_user bigint, p_limit integer`:
    /// part of the identity (overloads differ in it). An ordered-set aggregate's reads
    /// `numeric ORDER BY anyelement`; an aggregate over all rows, `*`.
    public var arguments: String
    public var kind: Kind
    /// `pg_get_function_result`, e.g. `trigger`, `SETOF public.users`; nil for procedures.
    public var returns: String?
    public var language: String
    /// `pg_get_functiondef`: the whole `CREATE OR REPLACE FUNCTION …` statement. For an
    /// aggregate, the `CREATE OR REPLACE AGGREGATE name(args) (SFUNC = …, STYPE = …, …)`
    /// statement built from `pg_aggregate`.
    public var definition: String
    public var comment: String?

    public init(
        name: QualifiedName, arguments: String, kind: Kind = .function, returns: String? = nil,
        language: String = "sql", definition: String, comment: String? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.kind = kind
        self.returns = returns
        self.language = language
        self.definition = definition
        self.comment = comment
    }

    public var id: ObjectID { .routine(name, arguments: arguments) }
}
