/// A user-defined cast (`CREATE CAST`). Casts belong to no schema: the inspection reads the
/// ones whose source type, target type or function is in an inspected schema.
public struct Cast: Sendable, Hashable, Codable {
    public enum Method: Sendable, Hashable, Codable {
        /// `WITH FUNCTION f(args)`.
        case function(ObjectID)
        /// `WITHOUT FUNCTION` (binary coercible).
        case binary
        /// `WITH INOUT`.
        case inOut
    }

    public enum Context: String, Sendable, Hashable, Codable {
        case explicit
        /// `AS ASSIGNMENT`
        case assignment
        /// `AS IMPLICIT`
        case implicit
    }

    /// `format_type` of the source and target types.
    public var source: String
    public var target: String
    public var method: Method
    public var context: Context
    public var comment: String?

    public init(source: String, target: String, method: Method, context: Context = .explicit, comment: String? = nil) {
        self.source = source
        self.target = target
        self.method = method
        self.context = context
        self.comment = comment
    }

    public var id: ObjectID { .cast(source: source, target: target) }
}
