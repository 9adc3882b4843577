/// The scanning loop behind ``Lexer``: turns UTF-8 bytes into tokens that cover them exactly.
///
/// The rules follow PostgreSQL's `scan.l`, plus psql's rule that a backslash outside quotes starts
/// a meta-command. `standard_conforming_strings` starts on (PostgreSQL's default) and follows the
/// statements of the text that change it (see ``StringSyntaxTracker``): while it is off, a plain
/// `'…'` (or `N'…'`) literal treats a backslash as an escape, like `E'…'`. Every branch consumes at
/// least one byte, and every unterminated construct consumes the rest of the input and records a
/// diagnostic at the position where it was opened, so scanning always terminates and never traps.
struct TokenScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var position = SourcePosition.start
    private(set) var tokens: [Token] = []
    private(set) var diagnostics: [SQLDiagnostic] = []
    /// Whether plain `'…'` literals are standard-conforming (backslash is an ordinary character).
    private var standardConformingStrings: Bool
    private var tracker: StringSyntaxTracker
    /// The offset from which the setting starts over at its initial value (a migration's down
    /// part runs on its own, so it lexes as if the up part had not run).
    private let restartOffset: Int?
    /// Where the setting changed: the offset from which each new value applies.
    private(set) var stringSyntaxChanges: [StringSyntaxChange] = []

    init(bytes: [UInt8], standardConformingStrings: Bool = true, restartingAt restartOffset: Int? = nil) {
        self.bytes = bytes
        self.standardConformingStrings = standardConformingStrings
        tracker = StringSyntaxTracker(initial: standardConformingStrings)
        self.restartOffset = restartOffset
    }

    /// U+FEFF in UTF-8, lexed as whitespace at the start of the input.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Scans the whole input and returns the position just past its end.
    mutating func scanAll() -> SourcePosition {
        while index < bytes.count {
            if index == restartOffset { restart() }
            let (kind, end) = scanToken()
            let clampedEnd = min(max(end, index + 1), bytes.count)
            tokens.append(Token(kind: kind, range: index..<clampedEnd, start: position))
            if !kind.isTrivia, let value = tracker.observe(kind, bytes[index..<clampedEnd]) {
                setStandardConformingStrings(value, from: clampedEnd)
            }
            position.advance(in: bytes, to: clampedEnd)
            index = clampedEnd
        }
        if let value = tracker.valueAtEnd { setStandardConformingStrings(value, from: bytes.count) }
        return position
    }

    private mutating func setStandardConformingStrings(_ value: Bool, from offset: Int) {
        guard value != standardConformingStrings else { return }
        standardConformingStrings = value
        stringSyntaxChanges.append(StringSyntaxChange(offset: offset, standardConformingStrings: value))
    }

    private mutating func restart() {
        tracker = StringSyntaxTracker(initial: tracker.initial)
        setStandardConformingStrings(tracker.initial, from: index)
    }

    // MARK: - Dispatch

    private mutating func scanToken() -> (TokenKind, Int) {
        let byte = bytes[index]
        let next = peek(index + 1)
        if index == 0 && bytes.starts(with: Self.byteOrderMark) {
            // Editors on some systems start files with U+FEFF; it is not part of any statement.
            return (.whitespace, skip(from: Self.byteOrderMark.count, while: \.isSQLWhitespace))
        }
        switch byte {
        case _ where byte.isSQLWhitespace:
            return (.whitespace, skip(from: index + 1, while: \.isSQLWhitespace))
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            return (.lineComment, endOfLine(from: index + 2))
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            return scanBlockComment()
        case UInt8(ascii: "'"):
            return scanString(quoteAt: index, prefix: "", backslashEscapes: !standardConformingStrings)
        case UInt8(ascii: "\""):
            return scanQuotedIdentifier(quoteAt: index, prefix: "")
        case UInt8(ascii: "$"):
            return scanDollar()
        case UInt8(ascii: "\\"):
            return scanMetaCommand()
        case _ where byte.isDecimalDigit:
            return (.number, scanNumber())
        case UInt8(ascii: "."):
            if let next, next.isDecimalDigit { return (.number, scanNumber()) }
            return (.punctuation, next == UInt8(ascii: ".") ? index + 2 : index + 1)
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: ":") { return (.punctuation, index + 2) }
            if next == UInt8(ascii: "=") { return (.operator, index + 2) }
            return (.punctuation, index + 1)
        case _ where byte.isOperatorCharacter:
            return (.operator, scanOperator())
        case _ where byte.isIdentifierStart:
            return scanWord()
        default:
            // ( ) [ ] , ; and any character PostgreSQL would return as itself.
            return (.punctuation, index + 1)
        }
    }

    // MARK: - Comments

    private mutating func scanBlockComment() -> (TokenKind, Int) {
        var depth = 1
        var cursor = index + 2
        while cursor < bytes.count {
            let byte = bytes[cursor]
            let next = peek(cursor + 1)
            if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                depth += 1
                cursor += 2
            } else if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                depth -= 1
                cursor += 2
                if depth == 0 { return (.blockComment, cursor) }
            } else {
                cursor += 1
            }
        }
        let stillOpen = depth == 1 ? "" : " (\(depth) comments still open; block comments nest)"
        report(
            .unterminatedBlockComment,
            "unterminated /* comment starting here\(stillOpen)",
            hint: "close every /* with */; PostgreSQL block comments nest, so a /* inside a comment needs its own */"
        )
        return (.blockComment, bytes.count)
    }

    // MARK: - Quoted forms

    /// Scans a string whose opening quote is at `quoteAt` (after any prefix such as `E` or `U&`).
    /// `''` is an escaped quote; with `backslashEscapes` (E strings) a backslash escapes any byte.
    private mutating func scanString(quoteAt: Int, prefix: String, backslashEscapes: Bool) -> (TokenKind, Int) {
        var cursor = quoteAt + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                cursor += 2
            } else if byte == UInt8(ascii: "'") {
                if peek(cursor + 1) == UInt8(ascii: "'") {
                    cursor += 2
                } else {
                    return (.string, cursor + 1)
                }
            } else {
                cursor += 1
            }
        }
        let hint =
            backslashEscapes && prefix != "E"
            ? "close it with '; standard_conforming_strings is off here, so a backslash escapes the next character and \\' does not end the string (write \\\\ for a backslash)"
            : backslashEscapes
            ? "close it with '; inside E'…' a backslash escapes the next character, so \\' does not end the string (write \\\\ for a backslash)"
            : "close it with '; write '' for a quote inside the string"
        report(.unterminatedString, "unterminated string literal \(prefix)'…' starting here", hint: hint)
        return (.string, bytes.count)
    }

    private mutating func scanQuotedIdentifier(quoteAt: Int, prefix: String) -> (TokenKind, Int) {
        var cursor = quoteAt + 1
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "\"") {
                if peek(cursor + 1) == UInt8(ascii: "\"") {
                    cursor += 2
                } else {
                    return (.quotedIdentifier, cursor + 1)
                }
            } else {
                cursor += 1
            }
        }
        report(
            .unterminatedQuotedIdentifier,
            "unterminated quoted identifier \(prefix)\"…\" starting here",
            hint: "close it with \"; write \"\" for a double quote inside the name"
        )
        return (.quotedIdentifier, bytes.count)
    }

    /// `$1` parameters, `$tag$…$tag$` strings, or a lone `$`.
    private mutating func scanDollar() -> (TokenKind, Int) {
        let afterDollar = index + 1
        if let next = peek(afterDollar), next.isDecimalDigit {
            return (.parameter, skip(from: afterDollar, while: \.isDecimalDigit))
        }
        let tagEnd: Int
        if peek(afterDollar) == UInt8(ascii: "$") {
            tagEnd = afterDollar
        } else if let next = peek(afterDollar), next.isIdentifierStart {
            tagEnd = skip(from: afterDollar + 1, while: \.isDollarTagContinuation)
            guard peek(tagEnd) == UInt8(ascii: "$") else { return (.punctuation, afterDollar) }
        } else {
            return (.punctuation, afterDollar)
        }
        let delimiter = bytes[index...tagEnd]
        let bodyStart = tagEnd + 1
        if let closing = find(delimiter, from: bodyStart) {
            return (.dollarString, closing + delimiter.count)
        }
        let tag = String(decoding: delimiter, as: UTF8.self)
        report(
            .unterminatedDollarQuote,
            "unterminated dollar-quoted string \(tag) starting here",
            hint: "close it with \(tag); a different tag inside (such as $$ within $fn$) does not end it"
        )
        return (.dollarString, bytes.count)
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    ///
    /// PostgreSQL's scanner stops at every `$` inside a dollar-quoted string and ends the string at
    /// the first `$tag$` equal to the opening one, so a plain substring search finds the same end.
    private func find(_ needle: ArraySlice<UInt8>, from start: Int) -> Int? {
        let count = needle.count
        guard count > 0, start + count <= bytes.count else { return nil }
        let first = needle[needle.startIndex]
        var cursor = start
        while cursor + count <= bytes.count {
            if bytes[cursor] == first && bytes[cursor..<(cursor + count)].elementsEqual(needle) {
                return cursor
            }
            cursor += 1
        }
        return nil
    }

    // MARK: - Words, numbers, operators

    /// An identifier or keyword, or a prefixed literal: `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `U&"…"`.
    private mutating func scanWord() -> (TokenKind, Int) {
        let letter = bytes[index] | 0x20
        let next = peek(index + 1)
        if next == UInt8(ascii: "'") {
            switch letter {
            case UInt8(ascii: "e"):
                return scanString(quoteAt: index + 1, prefix: "E", backslashEscapes: true)
            case UInt8(ascii: "n"):
                // PostgreSQL reads N'…' as the keyword NCHAR and a plain literal.
                return scanString(quoteAt: index + 1, prefix: "N", backslashEscapes: !standardConformingStrings)
            case UInt8(ascii: "b"), UInt8(ascii: "x"):
                let prefix = String(UnicodeScalar(letter.asciiUppercased))
                return scanString(quoteAt: index + 1, prefix: prefix, backslashEscapes: false)
            default:
                break
            }
        }
        if letter == UInt8(ascii: "u") && next == UInt8(ascii: "&") {
            switch peek(index + 2) {
            case UInt8(ascii: "'"):
                return scanString(quoteAt: index + 2, prefix: "U&", backslashEscapes: false)
            case UInt8(ascii: "\""):
                return scanQuotedIdentifier(quoteAt: index + 2, prefix: "U&")
            default:
                break
            }
        }
        return (.identifier, skip(from: index + 1, while: \.isIdentifierContinuation))
    }

    /// Integers (decimal with `_` separators, `0x`, `0o`, `0b`), decimals, and exponents.
    private func scanNumber() -> Int {
        if bytes[index] == UInt8(ascii: "0"), let radix = peek(index + 1).map({ $0 | 0x20 }) {
            let isDigit: ((UInt8) -> Bool)? =
                switch radix {
                case UInt8(ascii: "x"): { $0.isHexDigit }
                case UInt8(ascii: "o"): { $0 >= 0x30 && $0 <= 0x37 }
                case UInt8(ascii: "b"): { $0 == 0x30 || $0 == 0x31 }
                default: nil
                }
            if let isDigit, let first = peek(index + 2), isDigit(first) || first == UInt8(ascii: "_") {
                return digits(from: index + 2, allowingLeadingSeparator: true, isDigit)
            }
        }
        var cursor = index
        if bytes[cursor] == UInt8(ascii: ".") {
            cursor = digits(from: cursor + 1, \.isDecimalDigit)
        } else {
            cursor = digits(from: cursor, \.isDecimalDigit)
            // `1..2` is an integer followed by `..`, not `1.` followed by `.2`.
            if peek(cursor) == UInt8(ascii: "."), peek(cursor + 1) != UInt8(ascii: ".") {
                cursor = digits(from: cursor + 1, \.isDecimalDigit)
            }
        }
        if let e = peek(cursor), e | 0x20 == UInt8(ascii: "e") {
            var exponent = cursor + 1
            if let sign = peek(exponent), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponent += 1
            }
            if let digit = peek(exponent), digit.isDecimalDigit {
                cursor = digits(from: exponent, \.isDecimalDigit)
            }
        }
        return cursor
    }

    /// Digits with single `_` separators between them (and, after a radix prefix such as `0x`,
    /// before the first digit too).
    private func digits(
        from start: Int,
        allowingLeadingSeparator: Bool = false,
        _ isDigit: (UInt8) -> Bool
    ) -> Int {
        var cursor = start
        while let byte = peek(cursor) {
            if isDigit(byte) {
                cursor += 1
            } else if byte == UInt8(ascii: "_"), cursor > start || allowingLeadingSeparator,
                let after = peek(cursor + 1), isDigit(after)
            {
                cursor += 1
            } else {
                break
            }
        }
        return cursor
    }

    /// A run of operator characters, cut before any `--` or `/*` (which start comments), and
    /// without trailing `+`/`-` unless the operator contains one of `~ ! @ # ^ & | \` ? %`, so that
    /// `a=-1` lexes as `=` and `-`.
    private func scanOperator() -> Int {
        var end = index
        while let byte = peek(end), byte.isOperatorCharacter {
            let next = peek(end + 1)
            if end > index
                && ((byte == UInt8(ascii: "-") && next == UInt8(ascii: "-"))
                    || (byte == UInt8(ascii: "/") && next == UInt8(ascii: "*")))
            {
                break
            }
            end += 1
        }
        func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }
        if end - index > 1 && isSign(bytes[end - 1])
            && !bytes[index..<(end - 1)].contains(where: \.allowsTrailingSign)
        {
            repeat { end -= 1 } while end - index > 1 && isSign(bytes[end - 1])
        }
        return end
    }

    // MARK: - psql

    /// A backslash command runs to the end of its line; trailing blanks are left as whitespace.
    private func scanMetaCommand() -> (TokenKind, Int) {
        var end = endOfLine(from: index + 1)
        while end > index + 1 && bytes[end - 1].isBlank { end -= 1 }
        return (.metaCommand, end)
    }

    // MARK: - Helpers

    private func peek(_ offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private func skip(from start: Int, while predicate: (UInt8) -> Bool) -> Int {
        var cursor = start
        while cursor < bytes.count && predicate(bytes[cursor]) { cursor += 1 }
        return cursor
    }

    private func endOfLine(from start: Int) -> Int {
        skip(from: start) { !$0.isLineBreak }
    }

    private mutating func report(_ code: SQLDiagnostic.Code, _ message: String, hint: String) {
        diagnostics.append(SQLDiagnostic(code: code, message: message, hint: hint, position: position))
    }
}
