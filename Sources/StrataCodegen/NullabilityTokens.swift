import StrataSQL

/// The significant tokens of one statement (no whitespace or comments), cut at its first
/// top-level `;`, with the matching closer of every group: `(`…`)`, `[`…`]` and `CASE`…`END`.
///
/// Unquoted identifiers carry their name folded to lower case (ASCII only, as PostgreSQL folds
/// them); quoted identifiers carry their exact name. Every index helper takes the range being
/// read and never looks outside it, so a malformed statement reads as less, never as a trap.
struct NullabilityTokens: Sendable {
    struct Word: Sendable {
        var kind: TokenKind
        var text: String
        /// The identifier's name (folded unless quoted); the text for other tokens.
        var name: String
    }

    let words: [Word]
    /// For an opening `(`, `[` or `CASE`: the index of its closer (`words.count` when it has
    /// none); for every other token its own index.
    private let closers: [Int]

    init(_ sql: String) {
        var words: [Word] = []
        var depth = 0
        for token in Lexer(sql).tokens().tokens where !token.kind.isTrivia {
            let text = token.text(in: sql)
            if token.kind == .punctuation {
                if text == "(" || text == "[" { depth += 1 }
                if text == ")" || text == "]" { depth = max(0, depth - 1) }
                if text == ";" && depth == 0 { break }
            }
            words.append(Word(kind: token.kind, text: text, name: Self.name(of: text, kind: token.kind)))
        }
        self.words = words
        closers = Self.matchClosers(words)
    }

    var all: Range<Int> { 0..<words.count }

    /// The index just past the token or group starting at `index`, never past `range`.
    func next(_ index: Int, in range: Range<Int>) -> Int {
        guard index >= 0, index < closers.count else { return range.upperBound }
        return min(max(index + 1, closers[index] + 1), range.upperBound)
    }

    /// The tokens inside the group opened at `index`, within `range`.
    func inner(_ index: Int, in range: Range<Int>) -> Range<Int> {
        guard range.contains(index) else { return range.upperBound..<range.upperBound }
        let upper = min(closers[index], range.upperBound)
        return (index + 1)..<max(index + 1, upper)
    }

    /// Whether the group opened at `index` closes exactly at `range`'s last token.
    func groupSpans(_ index: Int, to range: Range<Int>) -> Bool {
        guard range.contains(index) else { return false }
        return closers[index] == range.upperBound - 1 && closers[index] > index
    }

    /// Whether the group opened at `index` has a closer at all.
    func isClosed(_ index: Int) -> Bool { closers.indices.contains(index) && closers[index] < words.count && closers[index] > index }

    /// Whether the token at `index` (inside `range`) is the unquoted keyword `keyword` (lower case).
    func isKeyword(_ index: Int, _ keyword: String, in range: Range<Int>) -> Bool {
        range.contains(index) && words[index].kind == .identifier && words[index].name == keyword
    }

    /// The unquoted keyword at `index` (lower case), or nil.
    func keyword(_ index: Int, in range: Range<Int>) -> String? {
        guard range.contains(index), words[index].kind == .identifier else { return nil }
        return words[index].name
    }

    /// Whether the token at `index` is the punctuation or operator `text`.
    func isSymbol(_ index: Int, _ text: String, in range: Range<Int>) -> Bool {
        guard range.contains(index) else { return false }
        let word = words[index]
        return (word.kind == .punctuation || word.kind == .operator) && word.text == text
    }

    /// Whether the token at `index` is a name (an unquoted or quoted identifier).
    func isName(_ index: Int, in range: Range<Int>) -> Bool {
        range.contains(index) && (words[index].kind == .identifier || words[index].kind == .quotedIdentifier)
    }

    /// `a.b.c` starting at `index`: its names and the index after it.
    func dottedName(at index: Int, in range: Range<Int>) -> (names: [String], next: Int)? {
        guard isName(index, in: range) else { return nil }
        var names = [words[index].name]
        var cursor = index + 1
        while isSymbol(cursor, ".", in: range), isName(cursor + 1, in: range) {
            names.append(words[cursor + 1].name)
            cursor += 2
        }
        return (names, cursor)
    }

    /// The top-level pieces of `range` between separators; `separator` returns how many tokens a
    /// separator at an index spans (nil when there is none).
    func split(_ range: Range<Int>, by separator: (Int) -> Int?) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            if let length = separator(cursor) {
                pieces.append(start..<cursor)
                cursor = min(cursor + max(1, length), range.upperBound)
                start = cursor
            } else {
                cursor = next(cursor, in: range)
            }
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// The top-level indexes of `range` where `predicate` holds.
    func topLevelIndexes(_ range: Range<Int>, where predicate: (Int) -> Bool) -> [Int] {
        var found: [Int] = []
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            if predicate(cursor) { found.append(cursor) }
            cursor = next(cursor, in: range)
        }
        return found
    }

    /// `range` without parentheses that wrap all of it.
    func strippingParentheses(_ range: Range<Int>) -> Range<Int> {
        var current = range
        while !current.isEmpty, isSymbol(current.lowerBound, "(", in: current), groupSpans(current.lowerBound, to: current) {
            current = inner(current.lowerBound, in: current)
        }
        return current
    }

    /// Whether `range` holds a query (SELECT, WITH, VALUES or TABLE, maybe in parentheses).
    func isQuery(_ range: Range<Int>) -> Bool {
        var cursor = range.lowerBound
        while isSymbol(cursor, "(", in: range) { cursor += 1 }
        guard let word = keyword(cursor, in: range) else { return false }
        return word == "select" || word == "with" || word == "values" || word == "table"
    }

    private static func name(of text: String, kind: TokenKind) -> String {
        SQLIdentifier.name(of: kind, bytes: text.utf8) ?? text
    }

    private static func matchClosers(_ words: [Word]) -> [Int] {
        var closers = Array(words.indices)
        enum Opener { case parenthesis, bracket, caseExpression }
        var stack: [(index: Int, opener: Opener)] = []
        func close(_ opener: Opener, at index: Int) {
            guard stack.contains(where: { $0.opener == opener }) else { return }
            while let top = stack.popLast() {
                if top.opener == opener {
                    closers[top.index] = index
                    return
                }
                closers[top.index] = max(top.index, index - 1)
            }
        }
        for (index, word) in words.enumerated() {
            switch (word.kind, word.text) {
            case (.punctuation, "("): stack.append((index, .parenthesis))
            case (.punctuation, "["): stack.append((index, .bracket))
            case (.punctuation, ")"): close(.parenthesis, at: index)
            case (.punctuation, "]"): close(.bracket, at: index)
            case (.identifier, _) where word.name == "case": stack.append((index, .caseExpression))
            case (.identifier, _) where word.name == "end":
                if stack.last?.opener == .caseExpression { close(.caseExpression, at: index) }
            default: break
            }
        }
        for open in stack { closers[open.index] = words.count }
        return closers
    }
}
