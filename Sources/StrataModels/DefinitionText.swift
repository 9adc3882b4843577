import StrataSQL

/// Deparsed SQL that PostgreSQL returns for constraints, indexes and routines
/// (`pg_get_constraintdef`, `pg_get_indexdef`, `CREATE FUNCTION …`), read through
/// Strata's lexer as top-level tokens: words, quoted identifiers, strings, and
/// parenthesized groups kept whole. Whitespace and comments are dropped.
struct DefinitionText {
    struct Token: Equatable {
        enum Kind: Equatable {
            /// An unquoted word: keyword, identifier or number.
            case word
            /// `"…"`, with `""` for a quote inside.
            case quotedIdentifier
            /// A string literal of any form, or a dollar-quoted string.
            case string
            /// `( … )` with everything inside; ``inner`` is the text between the parentheses.
            case group
            /// An operator or punctuation.
            case symbol
        }

        var kind: Kind
        /// The token as written.
        var text: String
        /// UTF-8 offsets of the token in the definition.
        var range: Range<Int>

        /// The text between the parentheses of a group.
        var inner: String {
            guard kind == .group else { return text }
            return String(text.dropFirst().dropLast())
        }

        func isWord(_ word: String) -> Bool { kind == .word && text == word }
    }

    let source: String
    /// The top-level tokens; nil when a quote, comment or parenthesis is not closed.
    let tokens: [Token]?

    init(_ text: String) {
        source = text
        tokens = Self.tokenize(text)
    }

    /// The definition from the start of token `index` to the end, as written.
    func text(fromToken index: Int) -> String {
        guard let tokens, index < tokens.count else { return "" }
        return Self.slice(source, tokens[index].range.lowerBound..<source.utf8.count)
    }

    /// The definition from the start of token `start` to the end of token `end - 1`.
    func text(tokens range: Range<Int>) -> String {
        guard let tokens, !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        return Self.slice(source, tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound)
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

    /// `text` split at its top-level commas (outside parentheses, brackets, quotes and
    /// strings), each part trimmed of surrounding spaces.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var start = 0
        for token in Lexer(text).tokens().tokens where token.kind == .punctuation {
            switch token.text(in: text) {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "," where depth == 0:
                parts.append(slice(text, start..<token.range.lowerBound).trimmingSpaces)
                start = token.range.upperBound
            default: break
            }
        }
        let last = slice(text, start..<text.utf8.count).trimmingSpaces
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

    private static func slice(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[max(0, range.lowerBound)..<min(utf8.count, range.upperBound)], as: UTF8.self)
    }

    /// The lexer's tokens without trivia, each parenthesized run folded into one group.
    private static func tokenize(_ text: String) -> [Token]? {
        let (lexed, diagnostics) = Lexer(text).tokens()
        guard diagnostics.isEmpty else { return nil }
        var tokens: [Token] = []
        var groupStart: Int?
        var depth = 0
        for token in lexed where !token.kind.isTrivia {
            let spelling = token.text(in: text)
            let isPunctuation = token.kind == .punctuation
            if isPunctuation && spelling == "(" {
                if depth == 0 { groupStart = token.range.lowerBound }
                depth += 1
                continue
            }
            if isPunctuation && spelling == ")" {
                depth -= 1
                guard depth >= 0 else { return nil }
                if depth == 0, let start = groupStart {
                    tokens.append(Token(kind: .group, text: slice(text, start..<token.range.upperBound), range: start..<token.range.upperBound))
                }
                continue
            }
            guard depth == 0 else { continue }
            let kind: Token.Kind
            switch token.kind {
            case .identifier, .number: kind = .word
            case .quotedIdentifier: kind = .quotedIdentifier
            case .string, .dollarString: kind = .string
            default: kind = .symbol
            }
            tokens.append(Token(kind: kind, text: spelling, range: token.range))
        }
        return depth == 0 ? tokens : nil
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
