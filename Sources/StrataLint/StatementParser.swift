/// Reads the statements whose locks, rewrites and facts the linter tracks into a
/// ``ParsedStatement``; anything else is `.other`. Never fails: what it cannot read is `.other`.
struct StatementParser {
    private var cursor: WordCursor

    init(_ words: ArraySlice<Word>) {
        cursor = WordCursor(words)
    }

    static func parse(_ words: ArraySlice<Word>) -> ParsedStatement {
        var parser = StatementParser(words)
        return parser.parse()
    }

    private mutating func parse() -> ParsedStatement {
        guard let first = cursor.current, first.kind == .identifier else { return .other }
        cursor.advance()
        switch first.keyword {
        case "CREATE": return parseCreate()
        case "ALTER": return parseAlter()
        case "DROP": return parseDrop()
        case "UPDATE": return parseUpdate()
        case "DELETE": return parseDelete()
        case "TRUNCATE": return parseTruncate()
        case "LOCK": return parseLock()
        case "SET": return parseSet()
        case "RESET": return cursor.name().map { .reset(parameter: $0) } ?? .other
        case "BEGIN", "START": return .begin
        case "COMMIT", "END": return .commit
        case "ROLLBACK", "ABORT": return cursor.isKeyword("TO") || cursor.isKeyword("TRANSACTION") && cursor.isKeyword("TO", at: 1) ? .other : .rollback
        case "VACUUM": return parseVacuum()
        case "CLUSTER": return parseSingleTable(command: "CLUSTER", mode: .accessExclusive)
        case "REINDEX": return parseReindex()
        case "REFRESH": return parseRefresh()
        default: return .other
        }
    }

    // MARK: - CREATE

    private mutating func parseCreate() -> ParsedStatement {
        _ = cursor.accept("OR", "REPLACE")
        let isUnique = cursor.accept("UNIQUE")
        if cursor.accept("INDEX") { return parseCreateIndex(isUnique: isUnique) }
        for modifier in ["GLOBAL", "LOCAL"] { _ = cursor.accept(modifier) }
        for modifier in ["TEMPORARY", "TEMP", "UNLOGGED"] where cursor.accept(modifier) {
            if modifier != "UNLOGGED" { return .other }
        }
        if cursor.accept("TABLE") { return parseCreateTable() }
        if cursor.accept("MATERIALIZED", "VIEW") {
            // A new relation: indexes on it in the same run block nobody.
            _ = cursor.accept("IF", "NOT", "EXISTS")
            guard let name = cursor.qualifiedName() else { return .other }
            return .createTable(CreateTable(name: name, columns: [], constraints: [], isPartitioned: false, parent: nil, isMaterializedView: true))
        }
        if cursor.accept("TYPE") { return parseCreateType() }
        if cursor.accept("FUNCTION") || cursor.accept("PROCEDURE") { return parseCreateFunction() }
        if cursor.accept("TRIGGER") || cursor.accept("CONSTRAINT", "TRIGGER") { return parseCreateTrigger() }
        if cursor.accept("SCHEMA") {
            _ = cursor.accept("IF", "NOT", "EXISTS")
            // `CREATE SCHEMA AUTHORIZATION role` names the schema after the role.
            _ = cursor.accept("AUTHORIZATION")
            return cursor.name().map { .createSchema(name: $0) } ?? .other
        }
        if cursor.accept("POLICY") { return parseOnTable(command: "CREATE POLICY", mode: .accessExclusive) }
        if cursor.accept("RULE") { return parseOnTable(command: "CREATE RULE", mode: .accessExclusive) }
        return .other
    }

    private mutating func parseCreateIndex(isUnique: Bool) -> ParsedStatement {
        let concurrently = cursor.accept("CONCURRENTLY")
        let ifNotExists = cursor.accept("IF", "NOT", "EXISTS")
        var name: String?
        if !cursor.isKeyword("ON") { name = cursor.name() }
        guard cursor.accept("ON") else { return .other }
        let only = cursor.accept("ONLY")
        guard let table = cursor.qualifiedName() else { return .other }
        if cursor.accept("USING") { _ = cursor.name() }
        let columns = cursor.group()?.columnList() ?? []
        let rest = cursor.rest()
        return .createIndex(CreateIndex(
            name: name, table: table, isUnique: isUnique, isConcurrent: concurrently, ifNotExists: ifNotExists,
            isOnly: only, columns: columns, isPartial: rest.containsKeyword("WHERE")
        ))
    }

    private mutating func parseCreateTable() -> ParsedStatement {
        _ = cursor.accept("IF", "NOT", "EXISTS")
        guard let name = cursor.qualifiedName() else { return .other }
        var table = CreateTable(name: name, columns: [], constraints: [], isPartitioned: false, parent: nil)
        if cursor.accept("PARTITION", "OF") {
            table.parent = cursor.qualifiedName()
        } else if cursor.accept("OF") {
            _ = cursor.qualifiedName()
        }
        if let body = cursor.group() {
            for item in body.splitAtTopLevelCommas() where !item.isEmpty {
                var itemCursor = WordCursor(item)
                if let constraint = ConstraintParser.tableConstraint(&itemCursor) {
                    table.constraints.append(constraint)
                } else if itemCursor.isKeyword("LIKE") {
                    continue
                } else if let column = ColumnParser.column(item) {
                    table.columns.append(column)
                }
            }
        }
        let rest = cursor.rest()
        if let partition = rest.firstIndex(where: { $0.kind == .identifier && $0.keyword == "PARTITION" }),
            partition + 1 < rest.endIndex, rest[partition + 1].keyword == "BY"
        {
            table.isPartitioned = true
        }
        if rest.first?.keyword == "AS" { return .createTable(table) }
        return .createTable(table)
    }

    private mutating func parseCreateType() -> ParsedStatement {
        guard let name = cursor.qualifiedName(), cursor.accept("AS", "ENUM"), let values = cursor.group() else { return .other }
        return .createEnum(name: name, values: values.filter { $0.kind == .string }.map(\.name))
    }

    private mutating func parseCreateFunction() -> ParsedStatement {
        guard let name = cursor.qualifiedName() else { return .other }
        let rest = cursor.rest()
        var volatility = Volatility.volatile
        if rest.containsKeyword("IMMUTABLE") {
            volatility = .immutable
        } else if rest.containsKeyword("STABLE") {
            volatility = .stable
        }
        return .createFunction(name: name, volatility: volatility)
    }

    private mutating func parseCreateTrigger() -> ParsedStatement {
        let rest = cursor.rest()
        guard let on = rest.firstIndex(where: { $0.kind == .identifier && $0.keyword == "ON" }) else { return .other }
        var tableCursor = WordCursor(rest[(on + 1)...])
        guard let table = tableCursor.qualifiedName() else { return .other }
        return .tableLock(command: "CREATE TRIGGER", table: table, mode: .shareRowExclusive)
    }

    /// `CREATE POLICY name ON table …`, `CREATE RULE name AS ON event TO table …`.
    private mutating func parseOnTable(command: String, mode: LockMode) -> ParsedStatement {
        let rest = cursor.rest()
        let marker = command == "CREATE RULE" ? "TO" : "ON"
        guard let at = rest.firstIndex(where: { $0.kind == .identifier && $0.keyword == marker }) else { return .other }
        var tableCursor = WordCursor(rest[(at + 1)...])
        guard let table = tableCursor.qualifiedName() else { return .other }
        return .tableLock(command: command, table: table, mode: mode)
    }

    // MARK: - DROP

    private mutating func parseDrop() -> ParsedStatement {
        if cursor.accept("INDEX") {
            let concurrently = cursor.accept("CONCURRENTLY")
            _ = cursor.accept("IF", "EXISTS")
            return .dropIndex(names: nameList(), concurrently: concurrently)
        }
        if cursor.accept("TABLE") {
            _ = cursor.accept("IF", "EXISTS")
            return .dropTable(names: nameList())
        }
        if cursor.accept("SCHEMA") {
            _ = cursor.accept("IF", "EXISTS")
            return .dropSchema(names: nameList().map(\.name))
        }
        if cursor.accept("POLICY") || cursor.accept("TRIGGER") || cursor.accept("RULE") {
            let command = "DROP \(cursor.peek(-1)?.keyword ?? "")"
            _ = cursor.accept("IF", "EXISTS")
            _ = cursor.name()
            guard cursor.accept("ON"), let table = cursor.qualifiedName() else { return .other }
            // DROP TRIGGER takes ACCESS EXCLUSIVE, although CREATE TRIGGER needs only SHARE ROW EXCLUSIVE.
            return .tableLock(command: command, table: table, mode: .accessExclusive)
        }
        return .other
    }

    private mutating func nameList() -> [ObjectName] {
        var names: [ObjectName] = []
        while let name = cursor.qualifiedName() {
            names.append(name)
            guard cursor.acceptSymbol(",") else { break }
        }
        return names
    }

    // MARK: - ALTER

    private mutating func parseAlter() -> ParsedStatement {
        if cursor.accept("TABLE") {
            _ = cursor.accept("IF", "EXISTS")
            _ = cursor.accept("ONLY")
            guard let table = cursor.qualifiedName() else { return .other }
            _ = cursor.acceptSymbol("*")
            return AlterTableParser.parse(table: table, cursor: &cursor)
        }
        if cursor.accept("TYPE") {
            guard let type = cursor.qualifiedName(), cursor.accept("ADD", "VALUE") else { return .other }
            _ = cursor.accept("IF", "NOT", "EXISTS")
            guard let value = cursor.current, value.kind == .string else { return .other }
            return .addEnumValue(type: type, value: value.name)
        }
        if cursor.accept("FUNCTION") || cursor.accept("PROCEDURE") {
            guard let name = cursor.qualifiedName() else { return .other }
            _ = cursor.group()
            let rest = cursor.rest()
            if rest.containsKeyword("IMMUTABLE") { return .createFunction(name: name, volatility: .immutable) }
            if rest.containsKeyword("STABLE") { return .createFunction(name: name, volatility: .stable) }
            if rest.containsKeyword("VOLATILE") { return .createFunction(name: name, volatility: .volatile) }
        }
        return .other
    }

    // MARK: - Data and session

    private mutating func parseUpdate() -> ParsedStatement {
        _ = cursor.accept("ONLY")
        guard let table = cursor.qualifiedName() else { return .other }
        return .update(table: table, hasWhere: cursor.rest().containsKeyword("WHERE"))
    }

    private mutating func parseDelete() -> ParsedStatement {
        guard cursor.accept("FROM") else { return .other }
        _ = cursor.accept("ONLY")
        guard let table = cursor.qualifiedName() else { return .other }
        return .delete(table: table, hasWhere: cursor.rest().containsKeyword("WHERE"))
    }

    private mutating func parseTruncate() -> ParsedStatement {
        _ = cursor.accept("TABLE")
        _ = cursor.accept("ONLY")
        return .truncate(names: nameList())
    }

    private mutating func parseLock() -> ParsedStatement {
        _ = cursor.accept("TABLE")
        _ = cursor.accept("ONLY")
        let names = nameList()
        var mode = LockMode.accessExclusive
        if cursor.accept("IN") {
            let words = cursor.rest().filter { $0.kind == .identifier && $0.keyword != "MODE" && $0.keyword != "NOWAIT" }.map(\.keyword)
            mode = LockMode.allCases.first { $0.name == words.joined(separator: " ") } ?? .accessExclusive
        }
        return .lockTable(names: names, mode: mode)
    }

    private mutating func parseSet() -> ParsedStatement {
        let isLocal = cursor.accept("LOCAL")
        _ = cursor.accept("SESSION")
        guard let parameter = cursor.name() else { return .other }
        guard cursor.accept("TO") || cursor.acceptSymbol("=") else { return .other }
        if cursor.accept("DEFAULT") { return .set(parameter: parameter, value: nil, isLocal: isLocal) }
        let value = cursor.rest().map(\.name).joined()
        return .set(parameter: parameter, value: value, isLocal: isLocal)
    }

    // MARK: - Maintenance

    private mutating func parseVacuum() -> ParsedStatement {
        var isFull = false
        if let options = cursor.group() {
            isFull = options.containsKeyword("FULL")
        } else {
            isFull = cursor.accept("FULL")
            while cursor.accept("FREEZE") || cursor.accept("VERBOSE") || cursor.accept("ANALYZE") {}
        }
        guard isFull, let table = cursor.qualifiedName() else { return .other }
        return .tableLock(command: "VACUUM FULL", table: table, mode: .accessExclusive)
    }

    private mutating func parseReindex() -> ParsedStatement {
        _ = cursor.group()
        guard cursor.accept("TABLE"), !cursor.isKeyword("CONCURRENTLY"), let table = cursor.qualifiedName() else { return .other }
        return .tableLock(command: "REINDEX TABLE", table: table, mode: .share)
    }

    private mutating func parseRefresh() -> ParsedStatement {
        guard cursor.accept("MATERIALIZED", "VIEW") else { return .other }
        let concurrently = cursor.accept("CONCURRENTLY")
        guard let view = cursor.qualifiedName() else { return .other }
        return .tableLock(command: "REFRESH MATERIALIZED VIEW", table: view, mode: concurrently ? .exclusive : .accessExclusive)
    }

    private mutating func parseSingleTable(command: String, mode: LockMode) -> ParsedStatement {
        _ = cursor.accept("VERBOSE")
        guard let table = cursor.qualifiedName() else { return .other }
        return .tableLock(command: command, table: table, mode: mode)
    }
}
