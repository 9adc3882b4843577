/// A range type (`CREATE TYPE … AS RANGE`), with the multirange type PostgreSQL 14 and
/// later create beside it.
public struct RangeType: Sendable, Hashable, Codable {
    public var name: QualifiedName
    /// `format_type` of the element type, e.g. `numeric`, `timestamp with time zone`.
    public var subtype: String
    /// The B-tree operator class of the subtype, when it is not the subtype's default one.
    public var subtypeOperatorClass: QualifiedName?
    /// A collation other than the subtype's default, qualified.
    public var collation: QualifiedName?
    /// The canonical function, schema-qualified, e.g. `public.int_canonical`.
    public var canonical: String?
    /// The subtype difference function, schema-qualified, e.g. `pg_catalog.float8mi`.
    public var subtypeDifference: String?
    /// The name of the multirange type, when it is not the one PostgreSQL would choose
    /// (`<name>_multirange`, or with `range` replaced by `multirange`).
    public var multirangeName: QualifiedName?
    public var comment: String?

    public init(
        name: QualifiedName, subtype: String, subtypeOperatorClass: QualifiedName? = nil, collation: QualifiedName? = nil,
        canonical: String? = nil, subtypeDifference: String? = nil, multirangeName: QualifiedName? = nil, comment: String? = nil
    ) {
        self.name = name
        self.subtype = subtype
        self.subtypeOperatorClass = subtypeOperatorClass
        self.collation = collation
        self.canonical = canonical
        self.subtypeDifference = subtypeDifference
        self.multirangeName = multirangeName
        self.comment = comment
    }

    /// The multirange type's name: ``multirangeName``, or the one PostgreSQL chooses.
    public var multirange: QualifiedName { multirangeName ?? Self.defaultMultirangeName(for: name) }

    /// The multirange type PostgreSQL creates for a range type when none is named: the
    /// first `range` in the name becomes `multirange`, otherwise `_multirange` is appended.
    /// (Names past 63 bytes are truncated differently; such a name is then kept explicitly.)
    public static func defaultMultirangeName(for range: QualifiedName) -> QualifiedName {
        let name = Array(range.name.utf8), word = Array("range".utf8)
        if name.count >= word.count {
            for start in 0...(name.count - word.count) where Array(name[start..<(start + word.count)]) == word {
                let replaced = Array(name[..<start]) + Array("multirange".utf8) + Array(name[(start + word.count)...])
                return QualifiedName(range.schema, String(decoding: replaced, as: UTF8.self))
            }
        }
        return QualifiedName(range.schema, range.name + "_multirange")
    }
}
