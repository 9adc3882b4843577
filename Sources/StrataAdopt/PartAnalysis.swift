import StrataSQL

/// What Strata's own lexer and splitter say about the lines of an up or down part:
/// whether they end inside a statement, which statements cannot run in a transaction,
/// and whether `BEGIN` and `COMMIT` merely wrap the whole part.
enum PartAnalysis {
    /// Whether the last significant token is not a `;`, so that a directive after the
    /// lines would cut a statement short.
    static func endsUnterminated(_ lines: [ScriptLine]) -> Bool {
        let text = lines.joinedText
        let (tokens, _) = Lexer(text).tokens()
        guard let last = tokens.last(where: { !$0.kind.isTrivia }) else { return false }
        return !(last.kind == .punctuation && last.text(in: text) == ";")
    }

    /// The first statement that PostgreSQL refuses inside a transaction block, or that
    /// controls the transaction itself.
    static func firstStatementNeedingNoTransaction(_ lines: [ScriptLine]) -> SQLStatement? {
        StatementSplitter.split(lines.joinedText).statements.first {
            $0.kind == .nonTransactional || $0.kind == .transactionControl
        }
    }

    /// How a statement is named in notes, e.g. `CREATE INDEX CONCURRENTLY`.
    static func command(_ statement: SQLStatement) -> String {
        let words = statement.leadingKeywords
        switch words.first {
        case "CREATE", "DROP", "ALTER", "REINDEX":
            return words.prefix(3).joined(separator: " ")
        default:
            return words.first ?? "a statement"
        }
    }

    /// Comments out a `BEGIN` (or `START TRANSACTION`) that opens the part and a `COMMIT`
    /// (or `END`) that closes it, when each stands on a line of its own and no other
    /// statement controls the transaction. Returns whether it did.
    static func commentOutTransactionWrapper(_ lines: inout [ScriptLine]) -> Bool {
        let statements = StatementSplitter.split(lines.joinedText).statements
        guard statements.count >= 2, let first = statements.first, let last = statements.last,
              statements.filter({ $0.kind == .transactionControl }).count == 2,
              first.kind == .transactionControl, last.kind == .transactionControl,
              ["BEGIN", "START"].contains(first.leadingKeywords.first ?? ""),
              ["COMMIT", "END"].contains(last.leadingKeywords.first ?? ""),
              let opening = lineHolding(first, in: lines), let closing = lineHolding(last, in: lines)
        else { return false }
        lines[opening] = lines[opening].commentedOut
        lines[closing] = lines[closing].commentedOut
        return true
    }

    /// The index of the line that holds `statement` and nothing else but its `;`.
    private static func lineHolding(_ statement: SQLStatement, in lines: [ScriptLine]) -> Int? {
        guard statement.span.start.line == statement.span.end.line else { return nil }
        let index = statement.span.start.line - 1
        guard lines.indices.contains(index) else { return nil }
        var text = Substring(lines[index].text).trimmingBlanks
        if text.hasSuffix(";") { text = text.dropLast().trimmingBlanks }
        return text == Substring(statement.text) ? index : nil
    }
}

extension PartAnalysis {
    /// Every place where `marker` occurs in the lines outside comments (in code, strings,
    /// quoted identifiers and dollar-quoted bodies alike): the index of the line and the
    /// 1-based column (in Unicode scalars).
    static func occurrences(of marker: String, in lines: [ScriptLine]) -> [(line: Int, column: Int)] {
        var found: [(line: Int, column: Int)] = []
        let wanted = Array(marker.utf8)
        guard let first = wanted.first else { return [] }
        let text = lines.joinedText
        let bytes = Array(text.utf8)
        var comments: [Range<Int>]?
        var line = 0, column = 1
        for index in bytes.indices {
            if bytes[index] == first, bytes[index...].starts(with: wanted) {
                if comments == nil {
                    comments = Lexer(text).tokens().tokens
                        .filter { $0.kind == .lineComment || $0.kind == .blockComment }.map(\.range)
                }
                if !(comments ?? []).contains(where: { $0.contains(index) }) { found.append((line, column)) }
            }
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return found
    }
}
