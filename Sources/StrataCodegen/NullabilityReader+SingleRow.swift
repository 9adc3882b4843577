/// Whether a statement always returns exactly one row (see
/// ``NullabilityAnalyzer/returnsExactlyOneRow(sql:)``).
extension NullabilityReader {
    /// A call found in a select list.
    struct Call {
        var name: String
        var isWindow: Bool
    }

    func returnsExactlyOneRow() -> Bool {
        var body = tokens.strippingParentheses(tokens.all)
        if tokens.isKeyword(body.lowerBound, "with", in: body) {
            var scope = NullabilityScope()
            body = tokens.strippingParentheses(withClause(body, &scope)..<body.upperBound)
        }
        guard tokens.isKeyword(body.lowerBound, "select", in: body) else { return false }
        let setOperations = tokens.topLevelIndexes(body) { index in
            ["union", "intersect", "except"].contains(tokens.keyword(index, in: body) ?? "")
        }
        guard setOperations.isEmpty else { return false }
        let listStart = body.lowerBound + 1
        let clauses = selectClauses(listStart..<body.upperBound)
        let clauseWords = Set(clauses.map(\.keyword))
        guard clauseWords.isDisjoint(with: ["group", "having", "limit", "offset", "fetch", "into"]) else { return false }
        let list = listStart..<(clauses.first?.index ?? body.upperBound)
        let found = calls(in: list, depth: 0)
        if found.contains(where: { Self.setReturning.contains($0.name) }) { return false }
        if found.contains(where: { NullabilityFunctions.isAggregate($0.name) && !$0.isWindow }) { return true }
        guard clauseWords.isDisjoint(with: ["from", "where"]), !list.isEmpty else { return false }
        return found.allSatisfy { NullabilityFunctions.isSingleValued($0.name) }
    }

    /// The calls of `range` at any depth, except inside subqueries.
    private func calls(in range: Range<Int>, depth: Int) -> [Call] {
        guard depth < Self.depthLimit else { return [Call(name: "", isWindow: false)] }
        var found: [Call] = []
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            if tokens.isName(cursor, in: range), tokens.isSymbol(cursor + 1, "(", in: range) {
                let arguments = tokens.inner(cursor + 1, in: range)
                var after = tokens.next(cursor + 1, in: range)
                if tokens.isKeyword(after, "within", in: range) { after = tokens.next(min(after + 2, range.upperBound - 1), in: range) }
                if tokens.isKeyword(after, "filter", in: range) { after = tokens.next(min(after + 1, range.upperBound - 1), in: range) }
                found.append(Call(name: tokens.words[cursor].name, isWindow: tokens.isKeyword(after, "over", in: range)))
                if !tokens.isQuery(arguments) { found += calls(in: arguments, depth: depth + 1) }
                cursor = after
            } else if tokens.isSymbol(cursor, "(", in: range) || tokens.isSymbol(cursor, "[", in: range) || tokens.isKeyword(cursor, "case", in: range) {
                let inner = tokens.inner(cursor, in: range)
                if !tokens.isQuery(inner) { found += calls(in: inner, depth: depth + 1) }
                cursor = tokens.next(cursor, in: range)
            } else {
                cursor += 1
            }
        }
        return found
    }

    /// Built-in set-returning functions: more than one row even beside an aggregate.
    private static let setReturning: Set<String> = [
        "unnest", "generate_series", "generate_subscripts", "json_array_elements", "json_array_elements_text",
        "jsonb_array_elements", "jsonb_array_elements_text", "json_each", "json_each_text", "jsonb_each",
        "jsonb_each_text", "json_object_keys", "jsonb_object_keys", "regexp_matches", "regexp_split_to_table",
        "string_to_table", "jsonb_path_query", "json_populate_recordset", "jsonb_populate_recordset",
        "json_to_recordset", "jsonb_to_recordset",
    ]
}
