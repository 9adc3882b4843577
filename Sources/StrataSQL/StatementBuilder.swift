/// Groups tokens into statements, fed one token at a time.
///
/// A `;` ends a statement only at the top level: not inside parentheses (so the actions of
/// `CREATE RULE … DO (…; …)` stay together, as psql keeps them) and not inside a `BEGIN ATOMIC`
/// body of `CREATE [OR REPLACE] FUNCTION|PROCEDURE`. Within such a routine, at parenthesis depth 0,
/// `BEGIN ATOMIC` opens a body, `CASE` opens a level while a body is open, and `END` closes one —
/// psql's heuristic, except that `BEGIN` counts only when `ATOMIC` follows it, so a routine or
/// parameter named `begin` does not swallow the rest of the file.
///
/// A psql meta-command ends the statement in progress and becomes a statement of its own.
struct StatementBuilder {
    private let source: LexedText
    /// Finished statements, in order.
    private(set) var statements: [SQLStatement] = []
    /// For each finished statement, what the classifier said about it.
    private(set) var classifications: [StatementClassifier.Classification] = []

    /// Token indices of the significant tokens of the statement in progress.
    private var significant: [Int] = []
    private var keywords: [String] = []
    private var parenthesisDepth = 0
    private var atomicDepth = 0
    private var isRoutineDefinition = false
    private var previousWasBegin = false

    init(source: LexedText) {
        self.source = source
    }

    /// Whether some tokens of an unfinished statement have been consumed.
    var hasPendingStatement: Bool { !significant.isEmpty }

    /// Feeds the token at `index`; tokens must be fed in order.
    mutating func consume(_ index: Int) {
        let token = source.tokens[index]
        switch token.kind {
        case .whitespace, .lineComment, .blockComment:
            return
        case .metaCommand:
            finish()
            significant = [index]
            emit(StatementClassifier.Classification(kind: .metaCommand, command: source.text(ofToken: index)))
            return
        case .punctuation where source.isPunctuation(index, UInt8(ascii: ";")):
            if significant.isEmpty { return }
            if parenthesisDepth == 0 && atomicDepth == 0 {
                finish()
                return
            }
        default:
            break
        }
        significant.append(index)
        track(index)
    }

    /// Ends the statement in progress, if any (at a directive or the end of input).
    mutating func finish() {
        guard !significant.isEmpty else { return }
        emit(StatementClassifier(source: source, indices: significant).classify())
    }

    /// Returns the finished statements and forgets them, to start a new section.
    mutating func takeStatements() -> (statements: [SQLStatement], classifications: [StatementClassifier.Classification]) {
        finish()
        defer {
            statements = []
            classifications = []
        }
        return (statements, classifications)
    }

    // MARK: - Private

    private mutating func track(_ index: Int) {
        if source.isPunctuation(index, UInt8(ascii: "(")) {
            parenthesisDepth += 1
        } else if source.isPunctuation(index, UInt8(ascii: ")")) {
            parenthesisDepth = max(0, parenthesisDepth - 1)
        }
        // Upper-casing every identifier of a long INSERT would be wasted work: only the first
        // four, and those of a routine at the top level, matter.
        guard source.tokens[index].kind == .identifier,
            keywords.count < 4 || (isRoutineDefinition && parenthesisDepth == 0),
            let word = source.keyword(at: index)
        else {
            previousWasBegin = false
            return
        }
        if keywords.count < 4 {
            keywords.append(word)
            isRoutineDefinition = Self.isRoutinePrefix(keywords)
        }
        guard isRoutineDefinition && parenthesisDepth == 0 else {
            previousWasBegin = false
            return
        }
        switch word {
        case "ATOMIC" where previousWasBegin:
            atomicDepth += 1
        case "CASE" where atomicDepth > 0:
            atomicDepth += 1
        case "END" where atomicDepth > 0:
            atomicDepth -= 1
        default:
            break
        }
        previousWasBegin = word == "BEGIN"
    }

    /// `CREATE FUNCTION`, `CREATE PROCEDURE`, `CREATE OR REPLACE FUNCTION|PROCEDURE`.
    private static func isRoutinePrefix(_ keywords: [String]) -> Bool {
        func isRoutine(_ word: String) -> Bool { word == "FUNCTION" || word == "PROCEDURE" }
        guard keywords.first == "CREATE", keywords.count >= 2 else { return false }
        if isRoutine(keywords[1]) { return true }
        return keywords.count >= 4 && keywords[1] == "OR" && keywords[2] == "REPLACE" && isRoutine(keywords[3])
    }

    private mutating func emit(_ classification: StatementClassifier.Classification) {
        guard let first = significant.first, let last = significant.last else { return }
        let start = source.tokens[first].start
        let end = source.position(after: last)
        let text = source.text(source.tokens[first].range.lowerBound..<source.tokens[last].range.upperBound)
        statements.append(
            SQLStatement(
                text: text,
                span: SourceSpan(start: start, end: end),
                kind: classification.kind,
                leadingKeywords: classification.kind == .metaCommand ? [] : keywords
            )
        )
        classifications.append(classification)
        significant = []
        keywords = []
        parenthesisDepth = 0
        atomicDepth = 0
        isRoutineDefinition = false
        previousWasBegin = false
    }
}
