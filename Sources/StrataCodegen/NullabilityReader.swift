/// A structural reader of one statement's tokens that works out which output columns are
/// proved not null: queries (WITH, set operations, SELECT, VALUES, TABLE) and INSERT, UPDATE
/// and DELETE with RETURNING. It reads parentheses, top-level clauses and FROM items, not a full
/// grammar; whatever it does not understand reads as "may be NULL".
///
/// FROM lists are read in `NullabilityReader+From.swift`, expressions in
/// `NullabilityReader+Expression.swift`.
struct NullabilityReader: Sendable {
    /// What a query produces.
    struct Result: Sendable {
        /// Its output columns in order; nil when the analysis cannot line them up.
        var columns: [NullabilityColumn]?
        /// The FROM items of its first SELECT (or the target of a data-modifying statement).
        var items: [NullabilityRangeItem] = []

        static let unknown = Result(columns: nil)
    }

    /// How deep queries and expressions may nest before the reader gives up on them.
    static let depthLimit = 48
    /// How many views may be expanded inside each other.
    static let viewDepthLimit = 8

    let tokens: NullabilityTokens
    let catalog: NullabilityCatalog
    /// The views (`schema.name`) being expanded around this statement, to stop on cycles.
    let viewChain: [String]

    init(sql: String, catalog: NullabilityCatalog, viewChain: [String] = []) {
        tokens = NullabilityTokens(sql)
        self.catalog = catalog
        self.viewChain = viewChain
    }

    /// The whole statement.
    func statement() -> Result {
        query(tokens.all, NullabilityScope())
    }

    // MARK: - Queries

    /// A query or data-modifying statement in `range`, maybe with WITH and in parentheses.
    func query(_ range: Range<Int>, _ outerScope: NullabilityScope) -> Result {
        guard outerScope.depth < Self.depthLimit else { return .unknown }
        var scope = outerScope
        scope.depth += 1
        var body = tokens.strippingParentheses(range)
        if tokens.isKeyword(body.lowerBound, "with", in: body) {
            let end = withClause(body, &scope)
            body = tokens.strippingParentheses(end..<body.upperBound)
        }
        switch tokens.keyword(body.lowerBound, in: body) {
        case "insert", "update", "delete": return dataModifying(body, scope)
        case "select", "values", "table": return setOperation(body, scope)
        default: return tokens.isSymbol(body.lowerBound, "(", in: body) ? setOperation(body, scope) : .unknown
        }
    }

    /// Reads `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), …` into
    /// `scope`; returns where the main statement starts.
    func withClause(_ range: Range<Int>, _ scope: inout NullabilityScope) -> Int {
        var cursor = range.lowerBound + 1
        let isRecursive = tokens.isKeyword(cursor, "recursive", in: range)
        if isRecursive { cursor += 1 }
        while tokens.isName(cursor, in: range) {
            let name = tokens.words[cursor].name
            cursor += 1
            var columnNames: [String] = []
            if tokens.isSymbol(cursor, "(", in: range) {
                columnNames = names(in: tokens.inner(cursor, in: range))
                cursor = tokens.next(cursor, in: range)
            }
            guard tokens.isKeyword(cursor, "as", in: range) else { return cursor }
            cursor += 1
            if tokens.isKeyword(cursor, "not", in: range) { cursor += 1 }
            if tokens.isKeyword(cursor, "materialized", in: range) { cursor += 1 }
            guard tokens.isSymbol(cursor, "(", in: range) else { return cursor }
            let body = tokens.inner(cursor, in: range)
            cursor = tokens.next(cursor, in: range)
            var extraColumns = 0
            while let word = tokens.keyword(cursor, in: range), word == "search" || word == "cycle" {
                extraColumns += word == "search" ? 1 : 2
                cursor += 1
                while cursor < range.upperBound, !tokens.isSymbol(cursor, ",", in: range),
                      !["search", "cycle", "select", "insert", "update", "delete", "values", "table"].contains(tokens.keyword(cursor, in: range) ?? "") {
                    cursor = tokens.next(cursor, in: range)
                }
            }
            var columns = isRecursive
                ? recursiveCommonTable(name: name, columnNames: columnNames, body: body, scope)
                : query(body, scope).columns
            if let known = columns {
                var renamed = known
                for (offset, columnName) in columnNames.enumerated() where offset < renamed.count {
                    renamed[offset].name = columnName
                }
                columns = renamed + Array(repeating: NullabilityColumn(name: nil, isNotNull: false), count: extraColumns)
            }
            scope.commonTables[name] = .some(columns)
            guard tokens.isSymbol(cursor, ",", in: range) else { break }
            cursor += 1
        }
        return cursor
    }

    /// A recursive CTE's columns: the greatest fixed point of "assume these columns, analyse the
    /// body", which is sound because each recursive step only sees rows the previous ones made.
    private func recursiveCommonTable(name: String, columnNames: [String], body: Range<Int>, _ scope: NullabilityScope) -> [NullabilityColumn]? {
        var probe = scope
        probe.commonTables[name] = .some(nil)
        let pessimistic = query(body, probe).columns
        guard scope.depth < 3 else { return pessimistic }
        var assumed: [NullabilityColumn]
        if let pessimistic {
            assumed = pessimistic.map { NullabilityColumn(name: $0.name, isNotNull: true) }
        } else if !columnNames.isEmpty {
            assumed = columnNames.map { NullabilityColumn(name: $0, isNotNull: true) }
        } else {
            return nil
        }
        for (offset, columnName) in columnNames.enumerated() where offset < assumed.count { assumed[offset].name = columnName }
        for _ in 0...min(assumed.count, 6) {
            var attempt = scope
            attempt.commonTables[name] = .some(assumed)
            guard var found = query(body, attempt).columns, found.count == assumed.count else { return pessimistic }
            for index in found.indices { found[index].name = assumed[index].name }
            if found == assumed { return found }
            assumed = found
        }
        return pessimistic
    }

    /// Branches joined by UNION, INTERSECT and EXCEPT: a column is not null when it is in the
    /// first branch and, for each UNION, in that branch too (INTERSECT and EXCEPT only keep rows
    /// of the left side). Reading left to right this is sound for any precedence.
    private func setOperation(_ range: Range<Int>, _ scope: NullabilityScope) -> Result {
        var operators: [String] = []
        let branches = tokens.split(range) { index in
            guard let word = tokens.keyword(index, in: range), ["union", "intersect", "except"].contains(word) else { return nil }
            operators.append(word)
            let next = tokens.keyword(index + 1, in: range)
            return next == "all" || next == "distinct" ? 2 : 1
        }
        var result = branch(branches[0], scope)
        for (offset, word) in operators.enumerated() where word == "union" {
            let other = branch(branches[offset + 1], scope)
            guard let left = result.columns, let right = other.columns, left.count == right.count else {
                result.columns = nil
                continue
            }
            result.columns = zip(left, right).map { NullabilityColumn(name: $0.name, isNotNull: $0.isNotNull && $1.isNotNull) }
        }
        return result
    }

    /// One branch of a set operation.
    private func branch(_ range: Range<Int>, _ scope: NullabilityScope) -> Result {
        guard !range.isEmpty else { return .unknown }
        let start = range.lowerBound
        if tokens.isSymbol(start, "(", in: range) {
            return query(tokens.inner(start, in: range), scope)
        }
        switch tokens.keyword(start, in: range) {
        case "select": return select(range, scope)
        case "values": return values(range, scope)
        case "table":
            guard let (item, _) = relationItem(at: start + 1, in: range, scope) else { return .unknown }
            return Result(columns: item.visibleColumns, items: [item])
        default: return .unknown
        }
    }

    /// `SELECT [DISTINCT [ON (…)]] list [FROM …] [WHERE …] [GROUP BY …] …`.
    private func select(_ range: Range<Int>, _ outerScope: NullabilityScope) -> Result {
        var listStart = range.lowerBound + 1
        if tokens.isKeyword(listStart, "all", in: range) { listStart += 1 }
        if tokens.isKeyword(listStart, "distinct", in: range) {
            listStart += 1
            if tokens.isKeyword(listStart, "on", in: range) { listStart = tokens.next(listStart + 1, in: range) }
        }
        let body = listStart..<range.upperBound
        let clauses = selectClauses(body)
        let listEnd = clauses.first?.index ?? range.upperBound
        var scope = outerScope.nested()
        if let from = clauses.first(where: { $0.keyword == "from" }) {
            let fromEnd = clauses.first { $0.index > from.index }?.index ?? range.upperBound
            let list = fromList((from.index + 1)..<fromEnd, scope)
            scope.items = list.items
            scope.mergesColumns = list.mergesColumns
        }
        if let group = clauses.first(where: { $0.keyword == "group" }) {
            let groupEnd = clauses.first { $0.index > group.index }?.index ?? range.upperBound
            let groupBy = (group.index + 2)..<max(group.index + 2, groupEnd)
            let hasGroupingSets = groupBy.contains { index in
                ["rollup", "cube", "grouping"].contains(tokens.keyword(index, in: groupBy) ?? "")
                    || (tokens.isSymbol(index, "(", in: groupBy) && tokens.inner(index, in: groupBy).isEmpty)
            }
            if hasGroupingSets {
                for index in scope.items.indices { scope.items[index].isNullable = true }
            } else {
                scope.isGrouped = !groupBy.isEmpty
            }
        }
        return Result(columns: selectList(listStart..<listEnd, scope), items: scope.items)
    }

    /// The top-level clause keywords of a SELECT after its select list, in order.
    func selectClauses(_ range: Range<Int>) -> [(keyword: String, index: Int)] {
        var found: [(keyword: String, index: Int)] = []
        for index in tokens.topLevelIndexes(range, where: { tokens.keyword($0, in: range) != nil }) {
            let word = tokens.keyword(index, in: range) ?? ""
            let next = tokens.keyword(index + 1, in: range)
            let isClause: Bool = switch word {
            case "from": !tokens.isKeyword(index - 1, "distinct", in: range)
            case "where", "having", "window", "limit", "offset", "into": true
            case "group", "order": next == "by"
            case "fetch": next == "first" || next == "next"
            case "for": ["update", "share", "no", "key"].contains(next ?? "")
            default: false
            }
            if isClause { found.append((word, index)) }
        }
        return found
    }

    /// A select or RETURNING list: `*`, `alias.*` and expressions, in order.
    func selectList(_ range: Range<Int>, _ scope: NullabilityScope) -> [NullabilityColumn]? {
        guard !range.isEmpty else { return [] }
        var columns: [NullabilityColumn] = []
        for item in tokens.split(range, by: { tokens.isSymbol($0, ",", in: range) ? 1 : nil }) {
            if item.count == 1, tokens.isSymbol(item.lowerBound, "*", in: item) {
                guard !scope.mergesColumns, !scope.items.contains(where: { $0.columns == nil }) else { return nil }
                columns += scope.items.flatMap { $0.visibleColumns ?? [] }
                continue
            }
            if item.count >= 3, tokens.isSymbol(item.upperBound - 1, "*", in: item), tokens.isSymbol(item.upperBound - 2, ".", in: item) {
                guard let (names, end) = tokens.dottedName(at: item.lowerBound, in: item), end == item.upperBound - 2,
                      let table = names.last,
                      let source = scope.items.first(where: { $0.qualifier == table }),
                      let visible = source.visibleColumns else { return nil }
                columns += visible
                continue
            }
            let (expression, alias) = splitAlias(item)
            columns.append(NullabilityColumn(name: alias ?? derivedName(expression), isNotNull: isNotNull(expression, scope)))
        }
        return columns
    }

    /// `VALUES (…), (…)`: a column is not null when it is in every row.
    private func values(_ range: Range<Int>, _ scope: NullabilityScope) -> Result {
        var cursor = range.lowerBound + 1
        var columns: [NullabilityColumn]?
        while tokens.isSymbol(cursor, "(", in: range) {
            let row = tokens.inner(cursor, in: range)
            let cells = tokens.split(row) { tokens.isSymbol($0, ",", in: row) ? 1 : nil }
            let proved = cells.map { isNotNull($0, scope.nested()) }
            if let known = columns {
                guard known.count == proved.count else { return .unknown }
                columns = zip(known, proved).map { NullabilityColumn(name: $0.name, isNotNull: $0.isNotNull && $1) }
            } else {
                columns = proved.enumerated().map { NullabilityColumn(name: "column\($0.offset + 1)", isNotNull: $0.element) }
            }
            cursor = tokens.next(cursor, in: range)
            guard tokens.isSymbol(cursor, ",", in: range) else { break }
            cursor += 1
        }
        return Result(columns: columns)
    }

    // MARK: - INSERT, UPDATE, DELETE

    /// `INSERT INTO t …`, `UPDATE t … [FROM …]` or `DELETE FROM t … [USING …]`, RETURNING list.
    private func dataModifying(_ range: Range<Int>, _ outerScope: NullabilityScope) -> Result {
        let verb = tokens.keyword(range.lowerBound, in: range) ?? ""
        var cursor = range.lowerBound + 1
        if verb != "update" {
            guard tokens.isKeyword(cursor, verb == "insert" ? "into" : "from", in: range) else { return .unknown }
            cursor += 1
        }
        let clauseWords: Set<String> = ["returning", "from", "using", "where", "set"]
        let clauses = tokens.topLevelIndexes(cursor..<range.upperBound) { index in
            guard let word = tokens.keyword(index, in: range), clauseWords.contains(word) else { return false }
            return !(word == "from" && tokens.isKeyword(index - 1, "distinct", in: range))
        }
        guard let returning = clauses.first(where: { tokens.isKeyword($0, "returning", in: range) }) else {
            return Result(columns: [])
        }
        var scope = outerScope.nested()
        guard let (target, _) = relationItem(at: cursor, in: cursor..<returning, scope, allowsBareAlias: verb != "insert") else {
            return .unknown
        }
        scope.items = [target]
        let joinKeyword = verb == "update" ? "from" : "using"
        if verb != "insert", let join = clauses.first(where: { tokens.isKeyword($0, joinKeyword, in: range) && $0 < returning }) {
            let end = clauses.first { $0 > join }.map { min($0, returning) } ?? returning
            let list = fromList((join + 1)..<max(join + 1, end), scope)
            scope.items += list.items
            scope.mergesColumns = list.mergesColumns
        }
        return Result(columns: selectList((returning + 1)..<range.upperBound, scope), items: scope.items)
    }

    // MARK: - Names

    /// The names of a list such as `(a, b, "C")`.
    func names(in range: Range<Int>) -> [String] {
        tokens.split(range) { tokens.isSymbol($0, ",", in: range) ? 1 : nil }.compactMap { piece in
            tokens.isName(piece.lowerBound, in: piece) ? tokens.words[piece.lowerBound].name : nil
        }
    }

    /// A select item split into its expression and its alias (`expr AS name` or `expr name`).
    func splitAlias(_ item: Range<Int>) -> (expression: Range<Int>, alias: String?) {
        guard item.count >= 2 else { return (item, nil) }
        let last = item.upperBound - 1
        guard tokens.isName(last, in: item) else { return (item, nil) }
        if tokens.isKeyword(last - 1, "as", in: item) {
            return (item.lowerBound..<(last - 1), tokens.words[last].name)
        }
        let word = tokens.words[last]
        if word.kind == .identifier, NullabilityKeywords.isKeyword(word.name) { return (item, nil) }
        guard endsExpression(last - 1) else { return (item, nil) }
        return (item.lowerBound..<last, word.name)
    }

    /// Whether the token at `index` can end an expression (so a name after it is an alias).
    private func endsExpression(_ index: Int) -> Bool {
        let word = tokens.words[index]
        switch word.kind {
        case .number, .string, .dollarString, .parameter, .quotedIdentifier: return true
        case .punctuation: return word.text == ")" || word.text == "]"
        case .identifier:
            return !NullabilityKeywords.isKeyword(word.name) || NullabilityKeywords.valueKeywords.contains(word.name) || word.name == "end"
        default: return false
        }
    }

    /// The name PostgreSQL gives an unaliased expression, as far as references to it need.
    private func derivedName(_ expression: Range<Int>) -> String? {
        guard let (names, end) = tokens.dottedName(at: expression.lowerBound, in: expression) else { return nil }
        if end == expression.upperBound || tokens.isSymbol(end, "::", in: expression) {
            return names.last
        }
        if tokens.isSymbol(end, "(", in: expression) { return names.last }
        return nil
    }
}
