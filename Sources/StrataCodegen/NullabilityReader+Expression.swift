/// Expressions: whether a value expression is proved never to be NULL.
///
/// Operators are read by precedence only as far as nullability needs: OR, AND, NOT, IS, then
/// every other operator (where the result is not null when every operand is not null, except
/// the JSON operators that yield NULL for a missing key), then one primary with its suffixes.
extension NullabilityReader {
    func isNotNull(_ range: Range<Int>, _ scope: NullabilityScope) -> Bool {
        guard !range.isEmpty, scope.depth < Self.depthLimit else { return false }
        var deeper = scope
        deeper.depth += 1
        for connective in ["or", "and"] {
            let parts = tokens.split(range) { tokens.isKeyword($0, connective, in: range) ? 1 : nil }
            if parts.count > 1 { return parts.allSatisfy { isNotNull($0, deeper) } }
        }
        if tokens.isKeyword(range.lowerBound, "not", in: range) {
            return isNotNull((range.lowerBound + 1)..<range.upperBound, deeper)
        }
        if let test = tokens.topLevelIndexes(range, where: { tokens.isKeyword($0, "is", in: range) }).last {
            var cursor = test + 1
            if tokens.isKeyword(cursor, "not", in: range) { cursor += 1 }
            return ["null", "true", "false", "unknown", "distinct"].contains(tokens.keyword(cursor, in: range) ?? "")
        }
        if let last = tokens.keyword(range.upperBound - 1, in: range), last == "isnull" || last == "notnull" { return true }
        var producesNull = false
        let operands = tokens.split(range) { index in
            let word = tokens.words[index]
            if word.kind == .operator {
                if NullabilityKeywords.nullProducingOperators.contains(word.text) { producesNull = true }
                return 1
            }
            guard word.kind == .identifier else { return nil }
            switch word.name {
            case "like", "ilike", "not", "in", "escape", "overlaps", "between", "symmetric", "asymmetric": return 1
            case "similar": return tokens.isKeyword(index + 1, "to", in: range) ? 2 : 1
            case "at":
                if tokens.isKeyword(index + 1, "time", in: range), tokens.isKeyword(index + 2, "zone", in: range) { return 3 }
                return tokens.isKeyword(index + 1, "local", in: range) ? 2 : nil
            default: return nil
            }
        }
        if producesNull { return false }
        if operands.count > 1 {
            return operands.allSatisfy { $0.isEmpty || isNotNull($0, deeper) }
        }
        return primary(range, deeper)
    }

    /// One operand: a literal, column, call, CASE, cast, subquery, … and its suffixes.
    private func primary(_ range: Range<Int>, _ scope: NullabilityScope) -> Bool {
        let start = range.lowerBound
        let word = tokens.words[start]
        var proved: Bool
        var cursor = start + 1
        switch word.kind {
        case .number, .string, .dollarString:
            proved = true
            while cursor < range.upperBound, tokens.words[cursor].kind == .string { cursor += 1 }
        case .parameter:
            proved = false
        case .punctuation where word.text == "(":
            let inner = tokens.inner(start, in: range)
            cursor = tokens.next(start, in: range)
            if tokens.isQuery(inner) {
                proved = false
            } else {
                proved = tokens.split(inner) { tokens.isSymbol($0, ",", in: inner) ? 1 : nil }.allSatisfy { isNotNull($0, scope) }
            }
        case .identifier, .quotedIdentifier:
            (proved, cursor) = namedPrimary(range, scope)
        default:
            return false
        }
        while cursor < range.upperBound {
            if tokens.isSymbol(cursor, "::", in: range) {
                cursor += 1
                while cursor < range.upperBound, !tokens.isSymbol(cursor, "::", in: range), !tokens.isKeyword(cursor, "collate", in: range) {
                    cursor = tokens.next(cursor, in: range)
                }
            } else if tokens.isKeyword(cursor, "collate", in: range) {
                cursor = tokens.dottedName(at: cursor + 1, in: range)?.next ?? range.upperBound
            } else {
                return false
            }
        }
        return proved
    }

    /// A primary that starts with a word: keyword forms, typed literals, calls, column references.
    private func namedPrimary(_ range: Range<Int>, _ scope: NullabilityScope) -> (Bool, Int) {
        let start = range.lowerBound
        let word = tokens.words[start]
        if word.kind == .identifier {
            switch word.name {
            case "null": return (false, start + 1)
            case "true", "false": return (true, start + 1)
            case "case": return (caseExpression(start, in: range, scope), tokens.next(start, in: range))
            case "exists", "array":
                guard tokens.isSymbol(start + 1, "(", in: range) || tokens.isSymbol(start + 1, "[", in: range) else { break }
                return (true, tokens.next(start + 1, in: range))
            case "cast", "treat":
                guard tokens.isSymbol(start + 1, "(", in: range) else { break }
                let inner = tokens.inner(start + 1, in: range)
                let value = tokens.topLevelIndexes(inner) { tokens.isKeyword($0, "as", in: inner) }.last.map { inner.lowerBound..<$0 } ?? inner
                return (isNotNull(value, scope), tokens.next(start + 1, in: range))
            default:
                break
            }
            if NullabilityKeywords.valueKeywords.contains(word.name) {
                var cursor = start + 1
                if tokens.isSymbol(cursor, "(", in: range) { cursor = tokens.next(cursor, in: range) }
                return (NullabilityKeywords.notNullValueKeywords.contains(word.name), cursor)
            }
            var cursor = start
            while tokens.keyword(cursor, in: range) != nil || tokens.isSymbol(cursor, "(", in: range) && cursor > start {
                cursor = tokens.next(cursor, in: range)
            }
            if cursor > start, cursor < range.upperBound, tokens.words[cursor].kind == .string {
                cursor += 1
                while tokens.keyword(cursor, in: range) != nil { cursor += 1 }
                return (true, cursor)
            }
        }
        guard let (names, afterName) = tokens.dottedName(at: start, in: range) else { return (false, start + 1) }
        if tokens.isSymbol(afterName, "(", in: range) {
            return functionCall(names.last ?? "", arguments: tokens.inner(afterName, in: range), after: tokens.next(afterName, in: range), in: range, scope)
        }
        if tokens.isSymbol(afterName, ".", in: range) { return (false, range.upperBound) }
        return (scope.isNotNull(reference: names), afterName)
    }

    /// `CASE [x] WHEN … THEN r … [ELSE e] END`: not null when every result is and there is an ELSE.
    private func caseExpression(_ start: Int, in range: Range<Int>, _ scope: NullabilityScope) -> Bool {
        guard tokens.isClosed(start) else { return false }
        let body = tokens.inner(start, in: range)
        let marks = tokens.topLevelIndexes(body) { index in
            ["when", "then", "else"].contains(tokens.keyword(index, in: body) ?? "")
        }
        var results: [Range<Int>] = []
        var hasElse = false
        for (offset, mark) in marks.enumerated() {
            let word = tokens.keyword(mark, in: body)
            guard word == "then" || word == "else" else { continue }
            hasElse = hasElse || word == "else"
            let end = offset + 1 < marks.count ? marks[offset + 1] : body.upperBound
            results.append((mark + 1)..<max(mark + 1, end))
        }
        return hasElse && !results.isEmpty && results.allSatisfy { isNotNull($0, scope) }
    }

    /// A call `name(arguments) [WITHIN GROUP (…)] [FILTER (…)] [OVER …]`.
    private func functionCall(
        _ name: String, arguments: Range<Int>, after: Int, in range: Range<Int>, _ scope: NullabilityScope
    ) -> (Bool, Int) {
        var cursor = after
        var isFiltered = false
        var isWindow = false
        if tokens.isKeyword(cursor, "within", in: range), tokens.isKeyword(cursor + 1, "group", in: range) {
            cursor = tokens.next(min(cursor + 2, range.upperBound - 1), in: range)
        }
        if tokens.isKeyword(cursor, "filter", in: range) {
            isFiltered = true
            cursor = tokens.next(min(cursor + 1, range.upperBound - 1), in: range)
        }
        if tokens.isKeyword(cursor, "over", in: range) {
            isWindow = true
            cursor = tokens.next(min(cursor + 1, range.upperBound - 1), in: range)
        }
        let parts = argumentParts(name, arguments)
        let allArguments = { !parts.isEmpty && parts.allSatisfy { self.isNotNull($0, scope) } }
        let proved: Bool
        switch NullabilityFunctions.kind(of: name) {
        case .alwaysNotNull:
            proved = true
        case .anyArgument:
            proved = parts.contains { isNotNull($0, scope) }
        case .strict:
            proved = !isWindow && allArguments()
        case .aggregate(let overGroup):
            guard !isWindow, !isFiltered, scope.isGrouped else {
                proved = false
                break
            }
            switch overGroup {
            case .notNull: proved = true
            case .followsArguments: proved = allArguments()
            case .unknown: proved = false
            }
        case .unknown:
            proved = false
        }
        return (proved, cursor)
    }

    /// A call's arguments as expressions: split at commas and at the keywords of the special
    /// forms (`extract(f FROM x)`, `substring(x FROM a FOR b)`, `trim(BOTH y FROM x)`,
    /// `overlay(x PLACING y FROM a)`); DISTINCT/ALL and ORDER BY of aggregates left out.
    private func argumentParts(_ name: String, _ arguments: Range<Int>) -> [Range<Int>] {
        var body = arguments
        if let first = tokens.keyword(body.lowerBound, in: body), ["distinct", "all", "both", "leading", "trailing"].contains(first) {
            body = (body.lowerBound + 1)..<body.upperBound
        }
        if let order = tokens.topLevelIndexes(body, where: {
            tokens.isKeyword($0, "order", in: body) && tokens.isKeyword($0 + 1, "by", in: body)
        }).first {
            body = body.lowerBound..<order
        }
        var parts = tokens.split(body) { index in
            if tokens.isSymbol(index, ",", in: body) { return 1 }
            return ["from", "for", "placing"].contains(tokens.keyword(index, in: body) ?? "") ? 1 : nil
        }
        if name == "extract", parts.count == 2 { parts.removeFirst() }
        return parts.filter { !$0.isEmpty }
    }
}
