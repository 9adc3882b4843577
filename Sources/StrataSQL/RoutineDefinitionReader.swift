/// Reads the clauses of a `CREATE FUNCTION|PROCEDURE` statement's significant tokens into a
/// ``RoutineDefinition``.
struct RoutineDefinitionReader {
    let source: LexedText
    /// The significant tokens (no whitespace or comments).
    let words: [Token]

    /// Words that start a routine option, ending the result type or a `SET` value list.
    private static let optionWords: Set<String> = [
        "language", "transform", "window", "immutable", "stable", "volatile", "not", "leakproof", "called",
        "returns", "strict", "security", "external", "parallel", "cost", "rows", "support", "set", "as",
        "begin", "return",
    ]

    private static let parameterModes: Set<String> = ["in", "out", "inout", "variadic"]

    mutating func read() -> RoutineDefinition? {
        guard let kindIndex = words.indices.first(where: { ["function", "procedure"].contains(word($0)) }),
              words[..<kindIndex].indices.allSatisfy({ ["create", "or", "replace"].contains(word($0)) }),
              kindIndex > 0, word(0) == "create"
        else { return nil }
        var index = kindIndex + 1
        var name: [String] = []
        while index < words.count, !isPunctuation(index, "(") {
            if let part = word(index) ?? quotedName(index) { name.append(part) }
            index += 1
        }
        guard index < words.count, !name.isEmpty, let close = matchingParenthesis(index) else { return nil }

        var parameterNames: [String] = []
        var signature: [SQLReference] = []
        for parameter in splitTopLevel(index + 1..<close) {
            let (name, references) = readParameter(parameter)
            if let name { parameterNames.append(name) }
            signature += references
        }
        index = close + 1

        var definition = RoutineDefinition(name: name, language: nil, body: nil, searchPath: nil, parameterNames: [], signatureReferences: [])
        if index < words.count, word(index) == "returns" {
            index += 1
            if index + 1 < words.count, word(index) == "table", isPunctuation(index + 1, "("), let end = matchingParenthesis(index + 1) {
                for column in splitTopLevel(index + 2..<end) {
                    let (name, references) = readParameter(column)
                    if let name { parameterNames.append(name) }
                    signature += references
                }
                index = end + 1
            } else {
                let start = index
                index = skipToOption(from: index)
                signature += references(in: start..<index)
            }
        }
        while index < words.count {
            switch word(index) {
            case "language":
                if index + 1 < words.count {
                    definition.language = word(index + 1) ?? stringContent(index + 1)?.lowercased()
                }
                index += 2
            case "as":
                index += 1
                guard index < words.count, let content = stringContent(index) else { continue }
                // `AS 'object file', 'link symbol'` is a C function: no SQL body.
                let isLinkSymbol = index + 2 < words.count && isPunctuation(index + 1, ",") && stringContent(index + 2) != nil
                definition.body = isLinkSymbol ? nil : .string(content)
                index += isLinkSymbol ? 3 : 1
            case "set":
                index = readSet(from: index + 1, into: &definition)
            case "begin", "return":
                // The body's statements, without `BEGIN ATOMIC` or `RETURN` (`END` is reserved).
                let start = word(index) == "begin" && word(index + 1) == "atomic" ? index + 2 : index + 1
                definition.body = .standard(start < words.count ? source.text(words[start].range.lowerBound..<words[words.count - 1].range.upperBound) : "")
                index = words.count
            default:
                index += 1
            }
        }
        definition.parameterNames = parameterNames
        definition.signatureReferences = Array(Set(signature)).sorted()
        return definition
    }

    // MARK: - Clauses

    /// One parameter (or `RETURNS TABLE` column): `[mode] [name] type [{DEFAULT | =} expression]`.
    private func readParameter(_ range: Range<Int>) -> (name: String?, references: [SQLReference]) {
        var start = range.lowerBound
        if start < range.upperBound, let mode = word(start), Self.parameterModes.contains(mode), start + 1 < range.upperBound {
            start += 1
        }
        var typeEnd = range.upperBound
        var depth = 0
        for index in start..<range.upperBound {
            if isPunctuation(index, "(") || isPunctuation(index, "[") { depth += 1 }
            if isPunctuation(index, ")") || isPunctuation(index, "]") { depth -= 1 }
            if depth == 0 && (word(index) == "default" || isOperator(index, "=")) {
                typeEnd = index
                break
            }
        }
        var name: String?
        if typeEnd - start >= 2, isParameterName(start) {
            name = word(start) ?? quotedName(start)
            start += 1
            if let mode = word(start), Self.parameterModes.contains(mode), start + 1 < typeEnd { start += 1 }
        }
        var references = self.references(in: start..<typeEnd)
        if typeEnd < range.upperBound { references += self.references(in: (typeEnd + 1)..<range.upperBound) }
        return (name, references)
    }

    /// Whether the word at `index`, followed by more words of the parameter, is its name rather
    /// than the start of a type: a name is followed by a type, and a type's first word is never
    /// followed by `.`, `(`, `[` or `%`; keywords that start types (`double precision`,
    /// `character varying`, `timestamp with time zone`) cannot be names.
    private func isParameterName(_ index: Int) -> Bool {
        let token = words[index]
        guard token.kind == .identifier || token.kind == .quotedIdentifier else { return false }
        if index + 1 < words.count {
            let next = words[index + 1]
            if next.kind == .punctuation || (next.kind == .operator && source.text(next.range) == "%") { return false }
        }
        if let folded = word(index) {
            if folded == "double" || SQLKeywordCategory.of(folded) != nil { return false }
        }
        return true
    }

    /// `SET search_path {TO | =} a, b` or `SET search_path FROM CURRENT`; other settings are
    /// skipped. Returns the index after the clause.
    private func readSet(from start: Int, into definition: inout RoutineDefinition) -> Int {
        guard start < words.count else { return start }
        let isSearchPath = word(start) == "search_path"
        var index = start + 1
        if index < words.count, word(index) == "to" || isOperator(index, "=") { index += 1 }
        var schemas: [String] = []
        while index < words.count, word(index).map({ !Self.optionWords.contains($0) }) ?? true {
            if let content = stringContent(index) {
                // pg_get_functiondef prints each element as a string, quoted as an identifier
                // where needed: '"My Schema"'.
                if content.hasPrefix("\""), content.hasSuffix("\""), content.count >= 2 {
                    schemas.append(String(content.dropFirst().dropLast()).replacingDoubledQuotes)
                } else {
                    schemas.append(content)
                }
            } else if let name = word(index) ?? quotedName(index) {
                schemas.append(name)
            }
            index += 1
        }
        if isSearchPath { definition.searchPath = schemas.filter { !$0.hasPrefix("$") } }
        return index
    }

    private func skipToOption(from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < words.count {
            if isPunctuation(index, "(") { depth += 1 }
            if isPunctuation(index, ")") { depth -= 1 }
            if depth == 0, let folded = word(index), Self.optionWords.contains(folded) { break }
            index += 1
        }
        return index
    }

    private func references(in range: Range<Int>) -> [SQLReference] {
        guard !range.isEmpty else { return [] }
        let text = source.text(words[range.lowerBound].range.lowerBound..<words[range.upperBound - 1].range.upperBound)
        return SQLReference.all(in: text)
    }

    // MARK: - Tokens

    /// The unquoted word at `index`, lower-cased.
    private func word(_ index: Int) -> String? {
        guard index < words.count, words[index].kind == .identifier else { return nil }
        return String(utf8: source.bytes[words[index].range], mappingEach: \.asciiLowercased)
    }

    private func quotedName(_ index: Int) -> String? {
        guard words[index].kind == .quotedIdentifier else { return nil }
        let text = source.text(words[index].range)
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else { return nil }
        return String(text.dropFirst().dropLast()).replacingDoubledQuotes
    }

    /// The content of a `'…'` or `$tag$…$tag$` string at `index`.
    private func stringContent(_ index: Int) -> String? {
        let token = words[index]
        let bytes = source.bytes[token.range]
        switch token.kind {
        case .dollarString:
            guard let tagEnd = bytes.dropFirst().firstIndex(of: UInt8(ascii: "$")) else { return nil }
            let tagLength = tagEnd - bytes.startIndex + 1
            guard bytes.count >= 2 * tagLength else { return nil }
            return String(decoding: bytes.dropFirst(tagLength).dropLast(tagLength), as: UTF8.self)
        case .string:
            var body = bytes
            if let first = body.first, first != UInt8(ascii: "'") { body = body.dropFirst() }  // E'…'
            guard body.count >= 2, body.first == UInt8(ascii: "'"), body.last == UInt8(ascii: "'") else { return nil }
            var content: [UInt8] = []
            var previousWasQuote = false
            for byte in body.dropFirst().dropLast() {
                if byte == UInt8(ascii: "'") && previousWasQuote {
                    previousWasQuote = false
                    continue
                }
                previousWasQuote = byte == UInt8(ascii: "'")
                content.append(byte)
            }
            return String(decoding: content, as: UTF8.self)
        default:
            return nil
        }
    }

    private func isPunctuation(_ index: Int, _ text: String) -> Bool {
        index < words.count && words[index].kind == .punctuation && source.bytes[words[index].range].elementsEqual(text.utf8)
    }

    private func isOperator(_ index: Int, _ text: String) -> Bool {
        index < words.count && words[index].kind == .operator && source.bytes[words[index].range].elementsEqual(text.utf8)
    }

    private func matchingParenthesis(_ open: Int) -> Int? {
        var depth = 0
        for index in open..<words.count {
            if isPunctuation(index, "(") { depth += 1 }
            if isPunctuation(index, ")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// `range` split at its top-level commas; empty pieces dropped.
    private func splitTopLevel(_ range: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for index in range {
            if isPunctuation(index, "(") || isPunctuation(index, "[") { depth += 1 }
            if isPunctuation(index, ")") || isPunctuation(index, "]") { depth -= 1 }
            if depth == 0 && isPunctuation(index, ",") {
                if index > start { pieces.append(start..<index) }
                start = index + 1
            }
        }
        if range.upperBound > start { pieces.append(start..<range.upperBound) }
        return pieces
    }
}

extension String {
    /// `a""b` → `a"b`.
    fileprivate var replacingDoubledQuotes: String {
        var result = ""
        var previousWasQuote = false
        for character in self {
            if character == "\"" && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == "\""
            result.append(character)
        }
        return result
    }
}
