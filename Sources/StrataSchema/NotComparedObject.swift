/// An object (or a setting of one) that the inspection found but Strata does not compare
/// or plan: a foreign table, an operator class, a table's tablespace… (DESIGN §9).
/// Commands name each one instead of ignoring it.
public struct NotComparedObject: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// What it is, as PostgreSQL names the kind (`pg_identify_object`'s type), e.g.
    /// `foreign table`, `operator class`, `event trigger`, or a setting such as
    /// `tablespace of table`.
    public var kind: String
    /// Its identity, e.g. `public.remote_users`, `public.my_ops USING btree`.
    public var name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(kind) \(name)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind ? lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) : lhs.kind < rhs.kind
    }
}
