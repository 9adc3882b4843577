/// A small reader for the deparsed SQL that PostgreSQL returns for constraints and
/// indexes (`pg_get_constraintdef`, `pg_get_indexdef`): it knows quoted identifiers,
/// string literals and nested parentheses, which is all those texts contain. Not a
/// general SQL lexer (no comments, dollar quotes or statements).
struct DefinitionText {
    struct Token: Equatable {
        enum Kind: Equatable {
            /// An unquoted word: keyword, identifier or number.
            case word
            /// `"…"`, with `""` for a quote inside.
            case quotedIdentifier
            /// `'…'`, with `''` for a quote inside.
            case string
            /// `( … )` with everything inside; ``inner`` is the text between the parentheses.
            case group
            /// Any other character.
            case symbol
        }

        var kind: Kind
        /// The token as written.
        var text: String
        /// Scalar offsets of the token in the definition.
        var range: Range<Int>

        /// The text between the parentheses of a group.
        var inner: String {
            guard kind == .group else { return text }
            return String(Substring(text).unicodeScalars.dropFirst().dropLast())
        }

        func isWord(_ word: String) -> Bool { kind == .word && text == word }
    }

    let scalars: [Unicode.Scalar]
    /// The top-level tokens; nil when a quote or parenthesis is not closed.
    let tokens: [Token]?

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = Self.tokenize(scalars)
    }

    /// The definition from the start of token `index` to the end, as written.
    func text(fromToken index: Int) -> String {
        guard let tokens, index < tokens.count else { return "" }
        return Self.string(scalars[tokens[index].range.lowerBound...])
    }

    /// The definition from the start of token `start` to the end of token `end - 1`.
    func text(tokens range: Range<Int>) -> String {
        guard let tokens, !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        return Self.string(scalars[tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound])
    }

    /// The index of the first top-level token that is the unquoted word `word`, from `start` on.
    func firstWord(_ word: String, from start: Int = 0) -> Int? {
        guard let tokens, start < tokens.count else { return nil }
        return tokens[start...].firstIndex { $0.isWord(word) }
    }

    /// True when the tokens from `start` on are the words given, in order.
    func hasWords(_ words: [String], at start: Int) -> Bool {
        guard let tokens, start >= 0, start + words.count <= tokens.count else { return false }
        return words.enumerated().allSatisfy { tokens[start + $0.offset].isWord($0.element) }
    }

    /// `text` split at its top-level commas (outside parentheses, quotes and strings),
    /// each part trimmed of surrounding spaces.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        var quote: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let open = quote {
                if scalar == open { quote = nil }
                current.append(scalar)
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "," where depth == 0:
                parts.append(trimmed(String(current)))
                current = String.UnicodeScalarView()
                continue
            default: break
            }
            current.append(scalar)
        }
        let last = trimmed(String(current))
        if !last.isEmpty || !parts.isEmpty { parts.append(last) }
        return parts
    }

    /// The name a possibly quoted identifier stands for: `"Order"` → `Order`, `users` → `users`.
    /// Nil when `text` is not a single identifier.
    static func identifier(_ text: String) -> String? {
        let reader = DefinitionText(text)
        guard let tokens = reader.tokens, tokens.count == 1 else { return nil }
        switch tokens[0].kind {
        case .word: return tokens[0].text
        case .quotedIdentifier: return unquote(tokens[0].text)
        default: return nil
        }
    }

    /// `"a""b"` → `a"b`.
    static func unquote(_ quoted: String) -> String {
        String(quoted.dropFirst().dropLast()).replacingDoubledQuotes()
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    private static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token]? {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            let start = index
            let kind: Token.Kind
            switch scalar {
            case "\"", "'":
                guard let end = closingQuote(scalars, from: index) else { return nil }
                index = end + 1
                kind = scalar == "\"" ? .quotedIdentifier : .string
            case "(":
                guard let end = closingParenthesis(scalars, from: index) else { return nil }
                index = end + 1
                kind = .group
            default:
                if isWordScalar(scalar) {
                    while index < scalars.count, isWordScalar(scalars[index]) { index += 1 }
                    kind = .word
                } else {
                    index += 1
                    kind = .symbol
                }
            }
            tokens.append(Token(kind: kind, text: string(scalars[start..<index]), range: start..<index))
        }
        return tokens
    }

    /// The index of the quote closing the one at `start` (a doubled quote is part of the text).
    private static func closingQuote(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let quote = scalars[start]
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == quote {
                if index + 1 < scalars.count, scalars[index + 1] == quote {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return nil
    }

    private static func closingParenthesis(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < scalars.count {
            switch scalars[index] {
            case "\"", "'":
                guard let end = closingQuote(scalars, from: index) else { return nil }
                index = end
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}

private extension String {
    func replacingDoubledQuotes() -> String {
        var result = String.UnicodeScalarView()
        var previousWasQuote = false
        for scalar in unicodeScalars {
            if scalar == "\"", previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = scalar == "\""
            result.append(scalar)
        }
        return String(result)
    }
}
