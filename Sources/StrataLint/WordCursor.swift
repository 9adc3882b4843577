/// Reads a statement's words front to back: keywords, names, parenthesized groups.
struct WordCursor {
    let words: ArraySlice<Word>
    private(set) var index: Int

    init(_ words: ArraySlice<Word>) {
        self.words = words
        index = words.startIndex
    }

    var isAtEnd: Bool { index >= words.endIndex }
    var current: Word? { isAtEnd ? nil : words[index] }

    func peek(_ offset: Int = 0) -> Word? {
        let at = index + offset
        return at < words.endIndex && at >= words.startIndex ? words[at] : nil
    }

    /// Whether the word `offset` ahead is the unquoted keyword `keyword`.
    func isKeyword(_ keyword: String, at offset: Int = 0) -> Bool {
        guard let word = peek(offset) else { return false }
        return word.kind == .identifier && word.keyword == keyword
    }

    /// Whether the word `offset` ahead is punctuation or an operator written `symbol`.
    func isSymbol(_ symbol: String, at offset: Int = 0) -> Bool {
        guard let word = peek(offset) else { return false }
        return (word.kind == .punctuation || word.kind == .operator) && word.keyword == symbol
    }

    /// Consumes the keywords when all of them come next, in order.
    mutating func accept(_ keywords: String...) -> Bool {
        for (offset, keyword) in keywords.enumerated() where !isKeyword(keyword, at: offset) {
            return false
        }
        index += keywords.count
        return true
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    /// Goes back to an index this cursor was at.
    mutating func rewind(to earlier: Int) {
        index = earlier
    }

    mutating func advance(by count: Int = 1) {
        index = min(index + count, words.endIndex)
    }

    /// Consumes one name (quoted or not).
    mutating func name() -> String? {
        guard let word = current, word.isName else { return nil }
        index += 1
        return word.name
    }

    /// Consumes `name` or `schema.name` (a third part, `db.schema.name`, drops the database).
    mutating func qualifiedName() -> ObjectName? {
        guard let first = name() else { return nil }
        var parts = [first]
        while isSymbol("."), let next = peek(1), next.isName {
            index += 2
            parts.append(next.name)
        }
        return parts.count == 1 ? ObjectName(schema: nil, name: first) : ObjectName(schema: parts[parts.count - 2], name: parts[parts.count - 1])
    }

    /// When at `(`, consumes through its matching `)` and returns the words between them.
    mutating func group() -> ArraySlice<Word>? {
        guard isSymbol("(") else { return nil }
        let open = index
        var depth = 0
        while let word = current {
            if word.kind == .punctuation && (word.keyword == "(" || word.keyword == "[") { depth += 1 }
            if word.kind == .punctuation && (word.keyword == ")" || word.keyword == "]") {
                depth -= 1
                if depth == 0 {
                    index += 1
                    return words[(open + 1)..<(index - 1)]
                }
            }
            index += 1
        }
        return words[(open + 1)..<words.endIndex]
    }

    /// Consumes words up to (not including) a `,` at this depth, or the end; returns them.
    mutating func untilComma() -> ArraySlice<Word> {
        let start = index
        var depth = 0
        while let word = current {
            if word.kind == .punctuation {
                switch word.keyword {
                case "(", "[": depth += 1
                case ")", "]": depth -= 1
                case "," where depth == 0: return words[start..<index]
                default: break
                }
            }
            index += 1
        }
        return words[start..<index]
    }

    /// The rest of the statement.
    mutating func rest() -> ArraySlice<Word> {
        defer { index = words.endIndex }
        return words[index..<words.endIndex]
    }
}

extension ArraySlice where Element == Word {
    /// Splits at commas outside parentheses and brackets.
    func splitAtTopLevelCommas() -> [ArraySlice<Word>] {
        var cursor = WordCursor(self)
        var parts: [ArraySlice<Word>] = []
        while !cursor.isAtEnd {
            parts.append(cursor.untilComma())
            _ = cursor.acceptSymbol(",")
        }
        return parts
    }

    /// The names in a parenthesized column list such as `(a, "B", c DESC)`: the first word of
    /// each item when it is a plain name, nil for an expression.
    func columnList() -> [String?] {
        splitAtTopLevelCommas().map { item in
            guard let first = item.first, first.isName else { return nil }
            // `lower(email)` is an expression; `email text_pattern_ops` and `email DESC` are the column.
            if item.count > 1, item[item.startIndex + 1].kind == .punctuation, item[item.startIndex + 1].keyword == "(" { return nil }
            return first.name
        }
    }

    /// Whether an unquoted keyword appears at the top level.
    func containsKeyword(_ keyword: String) -> Bool {
        contains { $0.kind == .identifier && $0.keyword == keyword }
    }
}
