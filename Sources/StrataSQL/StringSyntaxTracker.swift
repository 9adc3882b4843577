/// Follows the statements that change `standard_conforming_strings`, as psql does when it splits a
/// file: psql lexes each statement with the value the server reported after the previous one.
///
/// Recognized, at the start of a statement (after a top-level `;` or at the start of the text):
/// - `SET [SESSION | LOCAL] standard_conforming_strings {= | TO} value`, where `value` is a boolean
///   as PostgreSQL reads one (`on`, `off`, `true`, `false`, `yes`, `no`, `1`, `0`, unambiguous
///   prefixes of these, quoted or not) or `DEFAULT`;
/// - `RESET standard_conforming_strings` and `RESET ALL`.
///
/// The new value applies after the statement's `;` (or at the end of the text). A statement the
/// server would reject (an unknown value, extra words) changes nothing. `DEFAULT` and `RESET`
/// return to the value the text started with. Transaction boundaries inside the text are not
/// followed: Strata runs each migration file in one transaction, so a `SET LOCAL` counts until
/// the end of the file like a `SET`.
struct StringSyntaxTracker {
    private enum Stage {
        /// At the start of a statement.
        case start
        /// After `SET`, expecting `SESSION`, `LOCAL` or the name.
        case set
        /// After `SET [SESSION|LOCAL]`, expecting the name.
        case setName
        /// After the name, expecting `=` or `TO`.
        case assignment
        /// After `=` or `TO`, expecting the value.
        case value
        /// After `RESET`, expecting the name or `ALL`.
        case reset
        /// A complete statement that sets this value, if nothing follows.
        case complete(Bool)
        /// Any other statement: nothing to do until its `;`.
        case other
    }

    /// The value a text starts with, and `DEFAULT` or `RESET` returns to.
    let initial: Bool
    private var stage = Stage.start

    init(initial: Bool) {
        self.initial = initial
    }

    /// Feeds one significant token (not whitespace or a comment).
    ///
    /// - Returns: the new value when the token is the `;` that ends a statement changing it.
    mutating func observe(_ kind: TokenKind, _ bytes: ArraySlice<UInt8>) -> Bool? {
        if kind == .punctuation && bytes.count == 1 && bytes.first == UInt8(ascii: ";") {
            defer { stage = .start }
            if case .complete(let value) = stage { return value }
            return nil
        }
        switch stage {
        case .start:
            stage = Self.isWord(kind, bytes, "set") ? .set : Self.isWord(kind, bytes, "reset") ? .reset : .other
        case .set:
            if Self.isWord(kind, bytes, "session") || Self.isWord(kind, bytes, "local") {
                stage = .setName
            } else {
                stage = Self.isSettingName(kind, bytes) ? .assignment : .other
            }
        case .setName:
            stage = Self.isSettingName(kind, bytes) ? .assignment : .other
        case .assignment:
            let isEquals = kind == .operator && bytes.count == 1 && bytes.first == UInt8(ascii: "=")
            stage = isEquals || Self.isWord(kind, bytes, "to") ? .value : .other
        case .value:
            if Self.isWord(kind, bytes, "default") {
                stage = .complete(initial)
            } else if let value = Self.booleanValue(kind, bytes) {
                stage = .complete(value)
            } else {
                stage = .other
            }
        case .reset:
            stage = Self.isSettingName(kind, bytes) || Self.isWord(kind, bytes, "all") ? .complete(initial) : .other
        case .complete, .other:
            stage = .other
        }
        return nil
    }

    /// The value set by a complete statement that the text ends with (no `;` after it).
    var valueAtEnd: Bool? {
        if case .complete(let value) = stage { return value }
        return nil
    }

    // MARK: - Words

    private static func isWord(_ kind: TokenKind, _ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard kind == .identifier, bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { ($0.isASCIILetter ? $0 | 0x20 : $0) == $1 }
        }
    }

    private static func isSettingName(_ kind: TokenKind, _ bytes: ArraySlice<UInt8>) -> Bool {
        switch kind {
        case .identifier:
            return isWord(kind, bytes, "standard_conforming_strings")
        case .quotedIdentifier:
            return bytes.elementsEqual("\"standard_conforming_strings\"".utf8)
        default:
            return false
        }
    }

    /// A boolean as PostgreSQL's `parse_bool` reads it: an identifier, a number or a string.
    private static func booleanValue(_ kind: TokenKind, _ bytes: ArraySlice<UInt8>) -> Bool? {
        let text: ArraySlice<UInt8>
        switch kind {
        case .identifier, .number:
            text = bytes
        case .string:
            // Only a plain '…' or E'…' literal without escapes: anything else is no boolean.
            var body = bytes
            if let first = body.first, first | 0x20 == UInt8(ascii: "e") { body = body.dropFirst() }
            guard body.count >= 2, body.first == UInt8(ascii: "'"), body.last == UInt8(ascii: "'") else { return nil }
            text = body.dropFirst().dropLast()
            guard !text.contains(UInt8(ascii: "'")), !text.contains(UInt8(ascii: "\\")) else { return nil }
        default:
            return nil
        }
        return parseBool(String(decoding: text.map { $0.isASCIILetter ? $0 | 0x20 : $0 }, as: UTF8.self))
    }

    /// PostgreSQL's `parse_bool`: `true`, `false`, `yes`, `no` and their prefixes, `on`, `off`
    /// (at least `of`), `1`, `0`; surrounding blanks allowed.
    static func parseBool(_ folded: String) -> Bool? {
        let value = folded.trimmingBlanks
        guard !value.isEmpty else { return nil }
        func isPrefix(of word: String, minimum: Int = 1) -> Bool {
            value.count >= minimum && word.hasPrefix(value)
        }
        if isPrefix(of: "true") || isPrefix(of: "yes") { return true }
        if isPrefix(of: "false") || isPrefix(of: "no") { return false }
        if value == "on" { return true }
        if isPrefix(of: "off", minimum: 2) { return false }
        if value == "1" { return true }
        if value == "0" { return false }
        return nil
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingBlanks: String {
        let bytes = Array(utf8)
        var lower = 0, upper = bytes.count
        while lower < upper && bytes[lower].isSQLWhitespace { lower += 1 }
        while upper > lower && bytes[upper - 1].isSQLWhitespace { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
