/// A user-defined collation (`CREATE COLLATION`).
public struct Collation: Sendable, Hashable, Codable {
    public var name: QualifiedName
    /// `c` (libc), `i` (ICU) or `d` (default).
    public var provider: String
    /// `LC_COLLATE` for libc, or the ICU locale.
    public var locale: String
    /// `LC_CTYPE` (libc); equal to `locale` for ICU.
    public var ctype: String
    public var isDeterministic: Bool
    public var comment: String?

    public init(name: QualifiedName, provider: String, locale: String, ctype: String, isDeterministic: Bool = true, comment: String? = nil) {
        self.name = name
        self.provider = provider
        self.locale = locale
        self.ctype = ctype
        self.isDeterministic = isDeterministic
        self.comment = comment
    }
}
