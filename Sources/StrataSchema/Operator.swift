/// A user-defined operator (`CREATE OPERATOR`), in a schema.
public struct Operator: Sendable, Hashable, Codable {
    /// The schema and the operator's symbol, e.g. `public.===`.
    public var name: QualifiedName
    /// `format_type` of the left operand; nil for a prefix operator.
    public var leftType: String?
    public var rightType: String
    /// The function that implements it.
    public var function: ObjectID
    /// The clauses after `FUNCTION`, rendered: `COMMUTATOR = OPERATOR(public.===)`,
    /// `NEGATOR = …`, `RESTRICT = …`, `JOIN = …`, `HASHES`, `MERGES`.
    public var clauses: [String]
    public var comment: String?

    public init(name: QualifiedName, leftType: String?, rightType: String, function: ObjectID, clauses: [String] = [], comment: String? = nil) {
        self.name = name
        self.leftType = leftType
        self.rightType = rightType
        self.function = function
        self.clauses = clauses
        self.comment = comment
    }

    /// The operand types as `DROP OPERATOR` names them: `integer, integer` or `NONE, integer`.
    public var arguments: String { (leftType ?? "NONE") + ", " + rightType }

    public var id: ObjectID { .operator(name, arguments: arguments) }
}
