/// A name that SQL text uses: a function it calls, or a relation, type, column or variable it
/// names. Read by ``SQLReference/all(in:)`` and ``RoutineDefinition`` with the lexer, so names
/// inside strings and comments are not references.
///
/// The analysis is lexical, not a parse: it over-approximates (a column or alias that shares a
/// table's name reads as that table) and cannot see names built at run time (`EXECUTE` of a
/// string). Whoever orders objects by references treats them as preferences, not as facts.
public struct SQLReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How the name is used.
    public enum Usage: Int, Sendable, Hashable {
        /// Followed by `(`: a function, procedure or aggregate call.
        case call
        /// Anything else: a relation, type, column, sequence or variable.
        case name
    }

    /// The dotted parts, folded as PostgreSQL folds them: unquoted words lower-cased (ASCII),
    /// quoted ones as written. `Sales."Orders".id` → `["sales", "Orders", "id"]`.
    public var parts: [String]
    public var usage: Usage

    /// Creates a reference; nothing is checked.
    public init(_ parts: [String], usage: Usage) {
        self.parts = parts
        self.usage = usage
    }

    /// `sales.orders` or `f()`.
    public var description: String {
        parts.joined(separator: ".") + (usage == .call ? "()" : "")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.parts != rhs.parts { return lhs.parts.lexicographicallyPrecedes(rhs.parts) { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        return lhs.usage.rawValue < rhs.usage.rawValue
    }

    /// The names an SQL text uses: an expression (a default, a check), a query, or the body of
    /// a `LANGUAGE sql` function. Sorted, without duplicates.
    ///
    /// Skipped: strings, comments, reserved keywords, keywords that cannot name a function or a
    /// type (`coalesce(`, `exists (`, `integer`, `values`), field selections (`(r).x`, `$1.x`),
    /// and the word after `%` (`%ROWTYPE`).
    public static func all(in text: String) -> [SQLReference] {
        var scanner = ReferenceScanner(text: text, isPLpgSQL: false)
        return scanner.scan().used
    }
}
