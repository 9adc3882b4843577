/// A column type change read from `format_type` text, to tell whether PostgreSQL can keep
/// the stored values as they are (binary-coercible, no rewrite) and whether values can be
/// truncated, rounded or overflow (narrowing).
struct TypeChange {
    let from: TypeName
    let to: TypeName

    init(from: String, to: String) {
        self.from = TypeName(from)
        self.to = TypeName(to)
    }

    struct TypeName {
        let base: String
        let modifiers: [Int]

        init(_ text: String) {
            guard !text.hasSuffix("]"), let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
                base = text
                modifiers = []
                return
            }
            let suffix = text[text.index(after: close)...]
            base = String(text[..<open]) + suffix
            modifiers = text[text.index(after: open)..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
    }

    private static let stringTypes: Set<String> = ["character varying", "text", "character", "bpchar", "varchar"]
    private static let integerWidths: [String: Int] = ["smallint": 2, "integer": 4, "bigint": 8]
    private static let floatWidths: [String: Int] = ["real": 4, "double precision": 8]

    var isBinaryCoercible: Bool {
        if from.base == to.base {
            switch from.base {
            case "character varying", "bit varying":
                return to.modifiers.isEmpty || (!from.modifiers.isEmpty && to.modifiers[0] >= from.modifiers[0])
            case "numeric":
                if to.modifiers.isEmpty { return true }
                guard from.modifiers.count == 2, to.modifiers.count == 2 else { return false }
                return to.modifiers[1] == from.modifiers[1] && to.modifiers[0] >= from.modifiers[0]
            default:
                return from.modifiers == to.modifiers
            }
        }
        if from.base == "character varying", to.base == "text" { return true }
        if from.base == "text", to.base == "character varying", to.modifiers.isEmpty { return true }
        if from.base == "cidr", to.base == "inet" { return true }
        return false
    }

    private static let numericTypes: Set<String> = ["smallint", "integer", "bigint", "numeric", "real", "double precision"]
    private static let textTypes: Set<String> = ["text", "character varying", "character", "bpchar", "varchar", "name"]

    /// Whether PostgreSQL has a cast from the old type to the new one that `USING
    /// column::new` can use: same base type, both numeric, both strings, to a string (every
    /// type has an output function), from a string (every type has an input function), or
    /// between integer and boolean. Anything else (an
    /// enum to another type, numeric to boolean, …) is converted through text.
    var hasDirectCast: Bool {
        let old = from.base, new = to.base
        if old.hasSuffix("[]") || new.hasSuffix("[]") { return old == new }
        if old == new { return true }
        if Self.textTypes.contains(new) { return true }
        if Self.numericTypes.contains(old), Self.numericTypes.contains(new) { return true }
        if Set([old, new]) == Set(["integer", "boolean"]) { return true }
        if Self.textTypes.contains(old) { return true }
        return false
    }

    var isNarrowing: Bool {
        if let old = Self.integerWidths[from.base], let new = Self.integerWidths[to.base] { return new < old }
        if let old = Self.floatWidths[from.base], let new = Self.floatWidths[to.base] { return new < old }
        if Self.floatWidths[from.base] != nil, Self.integerWidths[to.base] != nil { return true }
        if from.base == "numeric", Self.integerWidths[to.base] != nil { return true }
        if Self.stringTypes.contains(from.base), ["character varying", "character"].contains(to.base), let length = to.modifiers.first {
            if let old = from.modifiers.first, from.base != "text" { return length < old }
            return true
        }
        if from.base == "numeric", to.base == "numeric", to.modifiers.count == 2 {
            guard from.modifiers.count == 2 else { return true }
            return to.modifiers[1] < from.modifiers[1] || to.modifiers[0] - to.modifiers[1] < from.modifiers[0] - from.modifiers[1]
        }
        if ["timestamp without time zone", "timestamp with time zone", "time without time zone", "time with time zone", "interval"].contains(from.base),
           from.base == to.base, let new = to.modifiers.first {
            return new < (from.modifiers.first ?? 6)
        }
        return false
    }
}
