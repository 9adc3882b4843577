/// Decides a statement's ``StatementKind`` from its tokens.
///
/// Works on the statement's significant tokens (no whitespace or comments) and looks only at
/// keywords, so quoted names such as `DROP DATABASE "app"` classify like unquoted ones. Keywords
/// are read lazily: a large `INSERT` costs one word.
struct StatementClassifier {
    /// The outcome: the kind, and a short name of the command for messages.
    struct Classification: Sendable, Hashable {
        var kind: StatementKind
        /// The command as a person would name it, e.g. `CREATE INDEX CONCURRENTLY`.
        var command: String
    }

    private let source: LexedText
    /// Indices into `source.tokens` of the statement's significant tokens.
    private let indices: [Int]

    init(source: LexedText, indices: [Int]) {
        self.source = source
        self.indices = indices
    }

    func classify() -> Classification {
        guard let first = word(0) else { return Classification(kind: .ordinary, command: "") }
        switch first {
        case "BEGIN", "END", "ABORT":
            return Classification(kind: .transactionControl, command: first)
        case "START" where word(1) == "TRANSACTION":
            return Classification(kind: .transactionControl, command: "START TRANSACTION")
        case "COMMIT":
            return Classification(kind: .transactionControl, command: word(1) == "PREPARED" ? "COMMIT PREPARED" : "COMMIT")
        case "ROLLBACK":
            return classifyRollback()
        case "PREPARE" where word(1) == "TRANSACTION" && kind(2) == .string:
            return Classification(kind: .transactionControl, command: "PREPARE TRANSACTION")
        case "VACUUM":
            return Classification(kind: .nonTransactional, command: "VACUUM")
        case "CREATE":
            return classifyCreate()
        case "DROP":
            return classifyDrop()
        case "ALTER":
            return classifyAlter()
        case "REINDEX":
            return classifyReindex()
        case "CLUSTER":
            return classifyCluster()
        case "DISCARD" where word(1) == "ALL":
            return Classification(kind: .nonTransactional, command: "DISCARD ALL")
        case "COPY":
            return classifyCopy()
        default:
            return Classification(kind: .ordinary, command: first)
        }
    }

    // MARK: - Commands

    /// `ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name` works inside a transaction; every
    /// other `ROLLBACK` ends one.
    private func classifyRollback() -> Classification {
        var next = 1
        if let noise = word(next), noise == "WORK" || noise == "TRANSACTION" { next += 1 }
        if word(next) == "TO" { return Classification(kind: .ordinary, command: "ROLLBACK TO SAVEPOINT") }
        let command = word(1) == "PREPARED" ? "ROLLBACK PREPARED" : "ROLLBACK"
        return Classification(kind: .transactionControl, command: command)
    }

    private func classifyCreate() -> Classification {
        var next = 1
        if word(next) == "UNIQUE" { next += 1 }
        switch word(next) {
        case "INDEX" where word(next + 1) == "CONCURRENTLY":
            return Classification(kind: .nonTransactional, command: "CREATE INDEX CONCURRENTLY")
        case let object? where ["DATABASE", "TABLESPACE", "SUBSCRIPTION"].contains(object) && next == 1:
            return Classification(kind: .nonTransactional, command: "CREATE \(object)")
        default:
            return Classification(kind: .ordinary, command: "CREATE")
        }
    }

    private func classifyDrop() -> Classification {
        switch word(1) {
        case "INDEX" where word(2) == "CONCURRENTLY":
            return Classification(kind: .nonTransactional, command: "DROP INDEX CONCURRENTLY")
        case let object? where ["DATABASE", "TABLESPACE", "SUBSCRIPTION"].contains(object):
            return Classification(kind: .nonTransactional, command: "DROP \(object)")
        default:
            return Classification(kind: .ordinary, command: "DROP")
        }
    }

    private func classifyAlter() -> Classification {
        switch word(1) {
        case "SYSTEM":
            return Classification(kind: .nonTransactional, command: "ALTER SYSTEM")
        case "SUBSCRIPTION":
            return Classification(kind: .nonTransactional, command: "ALTER SUBSCRIPTION")
        case "DATABASE" where containsSequence(["SET", "TABLESPACE"], from: 2):
            return Classification(kind: .nonTransactional, command: "ALTER DATABASE … SET TABLESPACE")
        case "TABLE":
            if let detach = firstIndex(ofSequence: ["DETACH", "PARTITION"], from: 2),
                firstIndex(ofSequence: ["CONCURRENTLY"], from: detach + 2) != nil
            {
                return Classification(kind: .nonTransactional, command: "ALTER TABLE … DETACH PARTITION … CONCURRENTLY")
            }
            return Classification(kind: .ordinary, command: "ALTER TABLE")
        default:
            return Classification(kind: .ordinary, command: "ALTER")
        }
    }

    /// `REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] [name]`, where the
    /// options may also say `CONCURRENTLY [true|false]`.
    private func classifyReindex() -> Classification {
        var position = 1
        var concurrently = false
        if isPunctuation(position, "(") {
            var depth = 0
            while position < indices.count {
                if isPunctuation(position, "(") { depth += 1 }
                if isPunctuation(position, ")") {
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        break
                    }
                }
                if word(position) == "CONCURRENTLY" && !isFalse(position + 1) { concurrently = true }
                position += 1
            }
        }
        let object = word(position)
        if word(position + 1) == "CONCURRENTLY" { concurrently = true }
        if concurrently {
            return Classification(kind: .nonTransactional, command: "REINDEX CONCURRENTLY")
        }
        if let object, ["SCHEMA", "DATABASE", "SYSTEM"].contains(object) {
            return Classification(kind: .nonTransactional, command: "REINDEX \(object)")
        }
        return Classification(kind: .ordinary, command: "REINDEX")
    }

    /// `CLUSTER`, `CLUSTER VERBOSE` and `CLUSTER (options)` without a table recluster the whole
    /// database and cannot run in a transaction block.
    private func classifyCluster() -> Classification {
        var position = 1
        if isPunctuation(position, "(") {
            var depth = 0
            while position < indices.count {
                if isPunctuation(position, "(") { depth += 1 }
                if isPunctuation(position, ")") { depth -= 1 }
                position += 1
                if depth == 0 { break }
            }
        }
        if word(position) == "VERBOSE" { position += 1 }
        if position >= indices.count {
            return Classification(kind: .nonTransactional, command: "CLUSTER without a table")
        }
        return Classification(kind: .ordinary, command: "CLUSTER")
    }

    /// `COPY … FROM STDIN` at the top level of the statement (not inside a parenthesized query).
    private func classifyCopy() -> Classification {
        var depth = 0
        for position in indices.indices {
            if isPunctuation(position, "(") { depth += 1 }
            if isPunctuation(position, ")") { depth = max(0, depth - 1) }
            if depth == 0 && word(position) == "FROM" && word(position + 1) == "STDIN" {
                return Classification(kind: .copyFromStdin, command: "COPY … FROM STDIN")
            }
        }
        return Classification(kind: .ordinary, command: "COPY")
    }

    // MARK: - Token access

    /// The upper-cased keyword at significant position `position`, if that token is an unquoted
    /// identifier.
    private func word(_ position: Int) -> String? {
        guard position >= 0, position < indices.count else { return nil }
        return source.keyword(at: indices[position])
    }

    private func kind(_ position: Int) -> TokenKind? {
        guard position >= 0, position < indices.count else { return nil }
        return source.tokens[indices[position]].kind
    }

    private func isPunctuation(_ position: Int, _ character: Character) -> Bool {
        guard position >= 0, position < indices.count, let ascii = character.asciiValue else { return false }
        return source.isPunctuation(indices[position], ascii)
    }

    /// Whether the option value at `position` switches an option off (`false`, `off`, `0`).
    private func isFalse(_ position: Int) -> Bool {
        if let value = word(position) { return value == "FALSE" || value == "OFF" }
        guard position < indices.count, kind(position) == .number else { return false }
        return source.text(ofToken: indices[position]) == "0"
    }

    private func firstIndex(ofSequence words: [String], from start: Int) -> Int? {
        guard start < indices.count else { return nil }
        for position in start..<indices.count where word(position) == words[0] {
            if words.indices.allSatisfy({ word(position + $0) == words[$0] }) { return position }
        }
        return nil
    }

    private func containsSequence(_ words: [String], from start: Int) -> Bool {
        firstIndex(ofSequence: words, from: start) != nil
    }
}
