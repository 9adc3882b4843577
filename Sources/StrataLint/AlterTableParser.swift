import StrataSQL

/// Reads the subcommands of `ALTER TABLE name …`, with the lock PostgreSQL 15 takes for each
/// (`AlterTableGetLockLevel` in its source; the lock of the whole statement is the strongest).
enum AlterTableParser {
    static func parse(table: ObjectName, cursor: inout WordCursor) -> ParsedStatement {
        if cursor.accept("RENAME") {
            if cursor.accept("TO") {
                return cursor.name().map { .renameTable(table: table, to: $0) } ?? .other
            }
            if cursor.accept("CONSTRAINT") {
                return .alterTable(table: table, actions: [.other(command: "RENAME CONSTRAINT", lock: .accessExclusive, rewrites: false)])
            }
            _ = cursor.accept("COLUMN")
            guard let from = cursor.name(), cursor.accept("TO"), let to = cursor.name() else { return .other }
            return .renameColumn(table: table, from: from, to: to)
        }
        let actions = cursor.rest().splitAtTopLevelCommas().compactMap(action)
        return .alterTable(table: table, actions: actions)
    }

    private static func action(_ words: ArraySlice<Word>) -> AlterAction? {
        var cursor = WordCursor(words)
        guard let first = cursor.current else { return nil }
        let position = first.position
        if cursor.accept("ADD") {
            if let constraint = ConstraintParser.tableConstraint(&cursor) { return .addConstraint(constraint) }
            _ = cursor.accept("COLUMN")
            _ = cursor.accept("IF", "NOT", "EXISTS")
            return ColumnParser.column(cursor.rest()).map(AlterAction.addColumn)
        }
        if cursor.accept("DROP") {
            if cursor.accept("CONSTRAINT") {
                _ = cursor.accept("IF", "EXISTS")
                return cursor.name().map { .dropConstraint(name: $0) }
            }
            _ = cursor.accept("COLUMN")
            _ = cursor.accept("IF", "EXISTS")
            return cursor.name().map { .dropColumn(name: $0) }
        }
        if cursor.accept("ALTER") {
            _ = cursor.accept("COLUMN")
            guard let column = cursor.name() else { return nil }
            return alterColumn(column, cursor: &cursor, position: position)
        }
        if cursor.accept("VALIDATE", "CONSTRAINT") {
            return cursor.name().map { .validateConstraint(name: $0, position: position) }
        }
        if cursor.accept("ATTACH", "PARTITION") {
            return cursor.qualifiedName().map(AlterAction.attachPartition)
        }
        if cursor.accept("DETACH", "PARTITION") {
            guard let partition = cursor.qualifiedName() else { return nil }
            return .detachPartition(partition, concurrently: cursor.accept("CONCURRENTLY"))
        }
        return other(&cursor)
    }

    private static func alterColumn(_ column: String, cursor: inout WordCursor, position: SourcePosition) -> AlterAction? {
        if cursor.accept("SET", "DATA", "TYPE") || cursor.accept("TYPE") {
            let typeStart = cursor.index
            while let word = cursor.current, !(word.kind == .identifier && (word.keyword == "USING" || word.keyword == "COLLATE")) {
                if cursor.group() == nil { cursor.advance() }
            }
            let type = ColumnParser.normalizedType(cursor.words[typeStart..<cursor.index])
            _ = cursor.accept("COLLATE") ? cursor.qualifiedName() : nil
            let using = cursor.accept("USING") ? cursor.rest() : nil
            return .alterType(column: column, type: type, usingExpression: using, position: position)
        }
        if cursor.accept("SET", "NOT", "NULL") { return .setNotNull(column: column, position: position) }
        if cursor.accept("DROP", "NOT", "NULL") { return .dropNotNull(column: column) }
        if cursor.accept("SET", "STATISTICS") { return .other(command: "ALTER COLUMN SET STATISTICS", lock: .shareUpdateExclusive, rewrites: false) }
        if cursor.accept("SET"), cursor.isSymbol("(") { return .other(command: "ALTER COLUMN SET (…)", lock: .shareUpdateExclusive, rewrites: false) }
        if cursor.accept("RESET") { return .other(command: "ALTER COLUMN RESET (…)", lock: .shareUpdateExclusive, rewrites: false) }
        return .other(command: "ALTER COLUMN", lock: .accessExclusive, rewrites: false)
    }

    private static func other(_ cursor: inout WordCursor) -> AlterAction {
        let setsOptions = (cursor.isKeyword("SET") || cursor.isKeyword("RESET")) && cursor.isSymbol("(", at: 1)
        let words = cursor.rest().filter { $0.kind == .identifier }.map(\.keyword)
        let command = words.prefix(3).joined(separator: " ")
        func starts(_ prefix: String...) -> Bool { Array(words.prefix(prefix.count)) == prefix }
        if starts("ENABLE") || starts("DISABLE") {
            let isTrigger = words.prefix(3).contains("TRIGGER")
            return .other(command: command, lock: isTrigger ? .shareRowExclusive : .accessExclusive, rewrites: false)
        }
        if starts("SET", "LOGGED") || starts("SET", "UNLOGGED") || starts("SET", "ACCESS", "METHOD") || starts("SET", "TABLESPACE") {
            return .other(command: command, lock: .accessExclusive, rewrites: true)
        }
        if starts("CLUSTER") || starts("SET", "WITHOUT", "CLUSTER") || setsOptions {
            // SET (storage parameters) and RESET (…): fillfactor, autovacuum settings and the like.
            return .other(command: command, lock: .shareUpdateExclusive, rewrites: false)
        }
        return .other(command: command, lock: .accessExclusive, rewrites: false)
    }
}
