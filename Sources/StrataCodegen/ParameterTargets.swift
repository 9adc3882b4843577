/// Parameters that only ever set a nullable column, as sqlc makes them optional:
/// `INSERT INTO t (a, b) VALUES ($1, $2)` and `UPDATE t SET a = $1` give `$n` the
/// nullability of its column when every use of `$n` is such a value (a bare `$n`, or
/// `$n::type`). A parameter also used anywhere else (a WHERE clause) stays required.
enum ParameterTargets {
    /// The numbers of the parameters that may be NULL.
    static func optionalParameters(sql: String, catalog: NullabilityCatalog) -> Set<Int> {
        let tokens = NullabilityTokens(sql)
        var all = tokens.all
        // `WITH …` before the statement: start at the top-level INSERT or UPDATE.
        if tokens.isKeyword(all.lowerBound, "with", in: all),
           let start = tokens.topLevelIndexes(all, where: { tokens.isKeyword($0, "insert", in: all) || tokens.isKeyword($0, "update", in: all) }).first {
            all = start..<all.upperBound
        }
        var assigned: [Int: [Bool]] = [:]  // parameter → the nullability of each column it sets
        if tokens.isKeyword(all.lowerBound, "insert", in: all) {
            insert(tokens, all, catalog, into: &assigned)
        } else if tokens.isKeyword(all.lowerBound, "update", in: all) {
            update(tokens, all, catalog, into: &assigned)
        }
        var uses: [Int: Int] = [:]
        for word in tokens.words where word.kind == .parameter {
            if let number = Int(word.text.dropFirst()) { uses[number, default: 0] += 1 }
        }
        return Set(assigned.compactMap { number, nullable in
            nullable.count == uses[number] && nullable.allSatisfy { $0 } ? number : nil
        })
    }

    /// `INSERT INTO name [AS alias] (columns) VALUES (…), (…)`.
    private static func insert(_ tokens: NullabilityTokens, _ range: Range<Int>, _ catalog: NullabilityCatalog, into assigned: inout [Int: [Bool]]) {
        var cursor = range.lowerBound + 1
        guard tokens.isKeyword(cursor, "into", in: range), let name = tokens.dottedName(at: cursor + 1, in: range),
              let relation = relation(name.names, catalog) else { return }
        cursor = name.next
        if tokens.isKeyword(cursor, "as", in: range) { cursor += 2 }
        guard tokens.isSymbol(cursor, "(", in: range) else { return }
        let columns = tokens.split(tokens.inner(cursor, in: range)) { tokens.isSymbol($0, ",", in: range) ? 1 : nil }
            .map { piece in piece.count == 1 ? tokens.words[piece.lowerBound].name : "" }
        cursor = tokens.next(cursor, in: range)
        guard tokens.isKeyword(cursor, "values", in: range) else { return }
        cursor += 1
        while tokens.isSymbol(cursor, "(", in: range) {
            let values = tokens.split(tokens.inner(cursor, in: range)) { tokens.isSymbol($0, ",", in: range) ? 1 : nil }
            for (column, value) in zip(columns, values) {
                note(parameter(tokens, value), column: column, relation: relation, into: &assigned)
            }
            cursor = tokens.next(cursor, in: range)
            guard tokens.isSymbol(cursor, ",", in: range) else { break }
            cursor += 1
        }
    }

    /// `UPDATE [ONLY] name [[AS] alias] SET column = value, … [FROM | WHERE | RETURNING …]`.
    private static func update(_ tokens: NullabilityTokens, _ range: Range<Int>, _ catalog: NullabilityCatalog, into assigned: inout [Int: [Bool]]) {
        var cursor = range.lowerBound + 1
        if tokens.isKeyword(cursor, "only", in: range) { cursor += 1 }
        guard let name = tokens.dottedName(at: cursor, in: range), let relation = relation(name.names, catalog) else { return }
        cursor = name.next
        if tokens.isKeyword(cursor, "as", in: range) { cursor += 1 }
        if !tokens.isKeyword(cursor, "set", in: range) { cursor += 1 }
        guard tokens.isKeyword(cursor, "set", in: range) else { return }
        let end = tokens.topLevelIndexes((cursor + 1)..<range.upperBound) { index in
            ["from", "where", "returning"].contains { tokens.isKeyword(index, $0, in: range) }
        }.first ?? range.upperBound
        for assignment in tokens.split((cursor + 1)..<end, by: { tokens.isSymbol($0, ",", in: range) ? 1 : nil }) {
            guard assignment.count >= 3, tokens.isName(assignment.lowerBound, in: assignment),
                  tokens.isSymbol(assignment.lowerBound + 1, "=", in: assignment) else { continue }
            note(
                parameter(tokens, (assignment.lowerBound + 2)..<assignment.upperBound),
                column: tokens.words[assignment.lowerBound].name, relation: relation, into: &assigned
            )
        }
    }

    /// The parameter number when `range` is `$n` or `$n::type`.
    private static func parameter(_ tokens: NullabilityTokens, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, tokens.words[range.lowerBound].kind == .parameter,
              range.count == 1 || tokens.isSymbol(range.lowerBound + 1, "::", in: range) else { return nil }
        return Int(tokens.words[range.lowerBound].text.dropFirst())
    }

    private static func note(_ number: Int?, column: String, relation: NullabilityCatalog.Relation, into assigned: inout [Int: [Bool]]) {
        guard let number else { return }
        let nullable = relation.columns.first { $0.name == column }.map { !$0.notNull } ?? false
        assigned[number, default: []].append(nullable)
    }

    private static func relation(_ names: [String], _ catalog: NullabilityCatalog) -> NullabilityCatalog.Relation? {
        switch names.count {
        case 1: catalog.relation(schema: nil, name: names[0])
        case 2: catalog.relation(schema: names[0], name: names[1])
        default: nil
        }
    }
}
