import StrataSQL

/// Reads a column definition (`name type [constraints…]`) of CREATE TABLE or ADD COLUMN.
enum ColumnParser {
    /// Words that end a column's type or its default expression.
    private static let constraintStarts: Set<String> = [
        "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "GENERATED",
        "COLLATE", "COMPRESSION", "STORAGE", "DEFERRABLE", "INITIALLY",
    ]

    static func column(_ words: ArraySlice<Word>) -> ColumnDefinition? {
        guard let nameWord = words.first, nameWord.isName else { return nil }
        var cursor = WordCursor(words.dropFirst())
        let typeStart = cursor.index
        while let word = cursor.current, !(word.kind == .identifier && constraintStarts.contains(word.keyword)) {
            if cursor.group() == nil { cursor.advance() }
        }
        let type = normalizedType(words[typeStart..<cursor.index])
        var column = ColumnDefinition(
            name: nameWord.name, position: nameWord.position, type: type, isNotNull: false, isPrimaryKey: false,
            isUnique: false, defaultExpression: nil, isStoredGenerated: false, isIdentity: false, references: nil, hasCheck: false
        )
        while let word = cursor.current {
            if cursor.accept("NOT", "NULL") {
                column.isNotNull = true
            } else if cursor.accept("PRIMARY", "KEY") {
                column.isPrimaryKey = true
                column.isNotNull = true
            } else if cursor.accept("UNIQUE") {
                column.isUnique = true
            } else if cursor.accept("DEFAULT") {
                let start = cursor.index
                while let next = cursor.current, !(next.kind == .identifier && constraintStarts.contains(next.keyword)) {
                    if cursor.group() == nil { cursor.advance() }
                }
                column.defaultExpression = words[start..<cursor.index]
            } else if cursor.accept("GENERATED") {
                if cursor.accept("ALWAYS") || cursor.accept("BY", "DEFAULT") {}
                if cursor.accept("AS", "IDENTITY") {
                    column.isIdentity = true
                    column.isNotNull = true
                    _ = cursor.group()
                } else if cursor.accept("AS") {
                    _ = cursor.group()
                    column.isStoredGenerated = cursor.accept("STORED")
                }
            } else if cursor.accept("REFERENCES") {
                column.references = cursor.qualifiedName()
                _ = cursor.group()
            } else if cursor.accept("CHECK") {
                column.hasCheck = true
                _ = cursor.group()
            } else if word.kind == .punctuation && word.keyword == "(" {
                _ = cursor.group()
            } else {
                cursor.advance()
            }
        }
        return column
    }

    /// The type's words in lower case with single spaces between words and none around
    /// parentheses and brackets: `character varying(32)`, `numeric(10,2)`, `int[]`.
    static func normalizedType(_ words: ArraySlice<Word>) -> String {
        var result = ""
        var previousWasWord = false
        for word in words {
            let text = word.kind == .identifier ? word.name : (word.kind == .quotedIdentifier ? word.name : word.keyword.isEmpty ? word.name : word.keyword)
            let isWord = word.kind == .identifier || word.kind == .quotedIdentifier || word.kind == .number
            if isWord && previousWasWord && !(result.hasSuffix("(") || result.hasSuffix(",")) { result += " " }
            result += text
            previousWasWord = isWord || text == "." ? isWord : false
        }
        return result
    }
}

/// Reads a table constraint (`[CONSTRAINT name] CHECK|UNIQUE|PRIMARY KEY|FOREIGN KEY|EXCLUDE …`).
enum ConstraintParser {
    /// Consumes a table constraint when the cursor is at one; nil (and nothing consumed) otherwise.
    static func tableConstraint(_ cursor: inout WordCursor) -> ConstraintDefinition? {
        let start = cursor.index
        let position = cursor.current?.position ?? .start
        var name: String?
        if cursor.accept("CONSTRAINT") { name = cursor.name() }
        let kind: ConstraintDefinition.Kind
        if cursor.accept("CHECK") {
            let expression = cursor.group() ?? []
            kind = .check(notNullColumn: notNullColumn(of: expression))
        } else if cursor.accept("UNIQUE") {
            if cursor.accept("NULLS") { _ = cursor.accept("NOT"); _ = cursor.accept("DISTINCT") }
            if cursor.accept("USING", "INDEX") {
                kind = .unique(columns: [], usingIndex: cursor.name())
            } else {
                kind = .unique(columns: (cursor.group()?.columnList() ?? []).compactMap { $0 }, usingIndex: nil)
            }
        } else if cursor.accept("PRIMARY", "KEY") {
            if cursor.accept("USING", "INDEX") {
                kind = .primaryKey(columns: [], usingIndex: cursor.name())
            } else {
                kind = .primaryKey(columns: (cursor.group()?.columnList() ?? []).compactMap { $0 }, usingIndex: nil)
            }
        } else if cursor.accept("FOREIGN", "KEY") {
            let columns = (cursor.group()?.columnList() ?? []).compactMap { $0 }
            guard cursor.accept("REFERENCES"), let target = cursor.qualifiedName() else {
                cursor.rewind(to: start)
                return nil
            }
            kind = .foreignKey(columns: columns, references: target)
        } else if cursor.accept("EXCLUDE") {
            kind = .exclude
        } else {
            cursor.rewind(to: start)
            return nil
        }
        let rest = cursor.rest()
        var isNotValid = false
        var previous: Word?
        for word in rest {
            if word.kind == .identifier && word.keyword == "VALID" && previous?.keyword == "NOT" { isNotValid = true }
            previous = word
        }
        return ConstraintDefinition(name: name, kind: kind, isNotValid: isNotValid, position: position)
    }

    /// `col IS NOT NULL` (in any number of parentheses): the column; nil for any other check.
    static func notNullColumn(of expression: ArraySlice<Word>) -> String? {
        var words = expression
        while words.first?.keyword == "(" && words.last?.keyword == ")" {
            words = words.dropFirst().dropLast()
        }
        let items = Array(words)
        guard items.count == 4, items[0].isName, items[1].keyword == "IS", items[2].keyword == "NOT", items[3].keyword == "NULL" else {
            return nil
        }
        return items[0].name
    }
}
