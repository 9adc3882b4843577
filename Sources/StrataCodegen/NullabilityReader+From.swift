/// FROM lists: items, joins and which items sit on the nullable side of an outer join.
extension NullabilityReader {
    /// The items of a FROM list, in order, each marked nullable when an outer join makes it so.
    ///
    /// When the list is not fully understood every item is marked nullable (a join the reader
    /// skipped might have made any of them so). `mergesColumns` tells that USING or NATURAL
    /// joins merge columns, so `*` cannot be expanded item by item.
    struct FromList {
        var items: [NullabilityRangeItem]
        var mergesColumns: Bool
    }

    private enum JoinKind { case inner, left, right, full, cross }

    func fromList(_ range: Range<Int>, _ scope: NullabilityScope) -> FromList {
        var items: [NullabilityRangeItem] = []
        var merges = false
        var cursor = range.lowerBound
        var isComplete = true
        while cursor < range.upperBound {
            guard let (group, next) = fromItem(at: cursor, in: range, scope, preceding: items, merges: &merges, depth: scope.depth),
                  next > cursor else {
                isComplete = false
                break
            }
            items += group
            cursor = next
            if cursor == range.upperBound { break }
            guard tokens.isSymbol(cursor, ",", in: range) else {
                isComplete = false
                break
            }
            cursor += 1
        }
        if !isComplete {
            for index in items.indices { items[index].isNullable = true }
        }
        return FromList(items: items, mergesColumns: merges)
    }

    /// One FROM item with the joins that follow it.
    private func fromItem(
        at start: Int, in range: Range<Int>, _ scope: NullabilityScope, preceding: [NullabilityRangeItem], merges: inout Bool, depth: Int
    ) -> (items: [NullabilityRangeItem], next: Int)? {
        guard depth < Self.depthLimit, let (first, afterFirst) = primary(at: start, in: range, scope, preceding: preceding) else { return nil }
        var left = first
        var cursor = afterFirst
        while let (kind, natural, afterKeyword) = joinKeyword(at: cursor, in: range) {
            merges = merges || natural
            guard let (right, next) = joinRight(at: afterKeyword, in: range, kind: kind, natural: natural, scope,
                                                preceding: preceding + left, merges: &merges, depth: depth + 1) else { return nil }
            left = join(left, kind, right)
            cursor = next
        }
        return (left, cursor)
    }

    /// The right side of a join: an item, any joins nested before its condition, the condition.
    private func joinRight(
        at start: Int, in range: Range<Int>, kind: JoinKind, natural: Bool, _ scope: NullabilityScope,
        preceding: [NullabilityRangeItem], merges: inout Bool, depth: Int
    ) -> (items: [NullabilityRangeItem], next: Int)? {
        guard depth < Self.depthLimit, var (right, cursor) = primary(at: start, in: range, scope, preceding: preceding) else { return nil }
        guard kind != .cross, !natural else { return (right, cursor) }
        while let (innerKind, innerNatural, afterKeyword) = joinKeyword(at: cursor, in: range) {
            guard let (inner, next) = joinRight(at: afterKeyword, in: range, kind: innerKind, natural: innerNatural, scope,
                                                preceding: preceding + right, merges: &merges, depth: depth + 1) else { return nil }
            right = join(right, innerKind, inner)
            cursor = next
        }
        if tokens.isKeyword(cursor, "on", in: range) {
            cursor += 1
            while cursor < range.upperBound, joinKeyword(at: cursor, in: range) == nil,
                  !tokens.isSymbol(cursor, ",", in: range), !tokens.isKeyword(cursor, "on", in: range) {
                cursor = tokens.next(cursor, in: range)
            }
        } else if tokens.isKeyword(cursor, "using", in: range) {
            merges = true
            cursor = tokens.next(cursor + 1, in: range)
            if tokens.isKeyword(cursor, "as", in: range) { cursor = min(cursor + 2, range.upperBound) }
        } else {
            return nil
        }
        return (right, cursor)
    }

    /// `[NATURAL] [INNER | CROSS | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]] JOIN` at `index`.
    private func joinKeyword(at index: Int, in range: Range<Int>) -> (JoinKind, natural: Bool, next: Int)? {
        var cursor = index
        let natural = tokens.isKeyword(cursor, "natural", in: range)
        if natural { cursor += 1 }
        var kind = JoinKind.inner
        switch tokens.keyword(cursor, in: range) {
        case "inner": cursor += 1
        case "cross": kind = .cross; cursor += 1
        case "left": kind = .left; cursor += 1
        case "right": kind = .right; cursor += 1
        case "full": kind = .full; cursor += 1
        default: break
        }
        if kind != .inner && kind != .cross, tokens.isKeyword(cursor, "outer", in: range) { cursor += 1 }
        guard tokens.isKeyword(cursor, "join", in: range) else { return nil }
        return (kind, natural, cursor + 1)
    }

    private func join(_ left: [NullabilityRangeItem], _ kind: JoinKind, _ right: [NullabilityRangeItem]) -> [NullabilityRangeItem] {
        var left = left
        var right = right
        if kind == .right || kind == .full {
            for index in left.indices { left[index].isNullable = true }
        }
        if kind == .left || kind == .full {
            for index in right.indices { right[index].isNullable = true }
        }
        return left + right
    }

    /// A table, view, CTE, subquery, function or parenthesised join, with its alias.
    private func primary(
        at start: Int, in range: Range<Int>, _ scope: NullabilityScope, preceding: [NullabilityRangeItem]
    ) -> (items: [NullabilityRangeItem], next: Int)? {
        var cursor = start
        let isLateral = tokens.isKeyword(cursor, "lateral", in: range)
        if isLateral { cursor += 1 }
        if tokens.isSymbol(cursor, "(", in: range) {
            let inner = tokens.inner(cursor, in: range)
            cursor = tokens.next(cursor, in: range)
            if tokens.isQuery(inner) {
                let result = query(inner, scope.nested(lateral: isLateral ? preceding : []))
                let item = NullabilityRangeItem(qualifier: nil, schema: nil, source: .derived, columns: result.columns)
                let (named, next) = alias(of: item, at: cursor, in: range)
                return ([named], next)
            }
            var deeper = scope
            deeper.depth += 1
            guard deeper.depth < Self.depthLimit else { return nil }
            let group = fromList(inner, deeper).items
            let (named, next) = alias(of: NullabilityRangeItem(qualifier: nil, schema: nil, source: .derived, columns: nil), at: cursor, in: range)
            guard named.qualifier != nil else { return (group, next) }
            let merged = group.allSatisfy { $0.columns != nil } ? group.flatMap { $0.visibleColumns ?? [] } : nil
            var item = named
            item.columns = merged
            return ([item], next)
        }
        if tokens.isKeyword(cursor, "rows", in: range), tokens.isKeyword(cursor + 1, "from", in: range) {
            cursor = tokens.next(cursor + 2, in: range)
            return functionItem(at: cursor, in: range)
        }
        if let (_, afterName) = tokens.dottedName(at: cursor, in: range), tokens.isSymbol(afterName, "(", in: range) {
            return functionItem(at: tokens.next(afterName, in: range), in: range)
        }
        guard let (item, next) = relationItem(at: cursor, in: range, scope) else { return nil }
        return ([item], next)
    }

    /// A function in FROM (after its argument list): columns known only from an alias list.
    private func functionItem(at start: Int, in range: Range<Int>) -> (items: [NullabilityRangeItem], next: Int) {
        var cursor = start
        if tokens.isKeyword(cursor, "with", in: range), tokens.isKeyword(cursor + 1, "ordinality", in: range) { cursor += 2 }
        let item = NullabilityRangeItem(qualifier: nil, schema: nil, source: .derived, columns: nil)
        let (named, next) = alias(of: item, at: cursor, in: range)
        return ([named], next)
    }

    /// `[ONLY] [schema.]name [*] [[AS] alias [(columns)]] [TABLESAMPLE …]`: a CTE, table or view.
    func relationItem(
        at start: Int, in range: Range<Int>, _ scope: NullabilityScope, allowsBareAlias: Bool = true
    ) -> (item: NullabilityRangeItem, next: Int)? {
        var cursor = start
        if tokens.isKeyword(cursor, "only", in: range) { cursor += 1 }
        guard let (names, afterName) = tokens.dottedName(at: cursor, in: range), let name = names.last, names.count <= 3 else { return nil }
        cursor = afterName
        if tokens.isSymbol(cursor, "*", in: range) { cursor += 1 }
        let schemaName = names.count >= 2 ? names[names.count - 2] : nil
        var item: NullabilityRangeItem
        if schemaName == nil, let columns = scope.commonTables[name] {
            item = NullabilityRangeItem(qualifier: name, schema: nil, source: .derived, columns: columns)
        } else if let relation = catalog.relation(schema: schemaName, name: name) {
            item = NullabilityRangeItem(
                qualifier: name, schema: relation.schema, source: .relation(schema: relation.schema, name: relation.name),
                columns: columns(of: relation)
            )
        } else {
            item = NullabilityRangeItem(qualifier: name, schema: schemaName, source: .derived, columns: nil)
        }
        var (named, next) = alias(of: item, at: cursor, in: range, allowsBareAlias: allowsBareAlias)
        if named.qualifier != name { named.schema = nil }
        if tokens.isKeyword(next, "tablesample", in: range) {
            next = min(next + 2, range.upperBound)
            if tokens.isSymbol(next, "(", in: range) { next = tokens.next(next, in: range) }
            if tokens.isKeyword(next, "repeatable", in: range) { next = tokens.next(min(next + 1, range.upperBound - 1), in: range) }
        }
        return (named, next)
    }

    /// The columns of a catalog table, or of a view as its definition makes them.
    private func columns(of relation: NullabilityCatalog.Relation) -> [NullabilityColumn] {
        let declared = relation.columns.map { NullabilityColumn(name: $0.name, isNotNull: $0.notNull) }
        guard let definition = relation.viewDefinition else { return declared }
        let key = relation.schema + "." + relation.name
        guard !viewChain.contains(key), viewChain.count < Self.viewDepthLimit else { return declared }
        let view = NullabilityReader(sql: definition, catalog: catalog, viewChain: viewChain + [key])
        guard let analysed = view.statement().columns, analysed.count == declared.count else { return declared }
        return zip(declared, analysed).map { NullabilityColumn(name: $0.name, isNotNull: $0.isNotNull || $1.isNotNull) }
    }

    /// An item's alias after `index`: `[AS] alias [(a, b, …)]`.
    private func alias(
        of item: NullabilityRangeItem, at index: Int, in range: Range<Int>, allowsBareAlias: Bool = true
    ) -> (item: NullabilityRangeItem, next: Int) {
        var cursor = index
        let hasAs = tokens.isKeyword(cursor, "as", in: range)
        if hasAs { cursor += 1 }
        guard tokens.isName(cursor, in: range) else { return (item, hasAs ? cursor : index) }
        let word = tokens.words[cursor]
        if !hasAs {
            guard allowsBareAlias, word.kind == .quotedIdentifier || !NullabilityKeywords.stopsBareAlias(word.name) else { return (item, index) }
        }
        var named = item
        named.qualifier = word.name
        named.schema = nil
        cursor += 1
        if allowsBareAlias, tokens.isSymbol(cursor, "(", in: range) {
            named = named.renamed(names(in: tokens.inner(cursor, in: range)))
            cursor = tokens.next(cursor, in: range)
        }
        return (named, cursor)
    }
}
