/// Reads directives, splits sections into statements and validates them, for
/// ``MigrationScript/parse(_:)``.
///
/// One pass over the file's tokens: directives are recognized among the line comments (so a
/// `-- strata:down` inside a string, a dollar-quoted body or a block comment is just text), and
/// every other token goes to the statement builder of the current section.
struct MigrationScriptParser {
    private enum Section {
        case header, up, down
    }

    /// A `-- strata:…` comment.
    private struct Candidate {
        /// Index of the comment token.
        var index: Int
        /// The word after `strata:`, trimmed and lower-cased.
        var word: String
        /// Whether only blanks precede the comment on its line (a line comment always runs to the
        /// end of its line, so nothing follows it).
        var isAloneOnLine: Bool
    }

    private let source: LexedText
    private var builder: StatementBuilder
    private var section = Section.header
    private var seen: Set<MigrationDirective> = []
    private var hasUpLine = false
    private var diagnostics: [SQLDiagnostic] = []

    private var headerEnd: Int?
    private var firstHeaderCode: Int?
    private var isTransactional = true
    private var upStart = SourcePosition.start
    private var downStart = SourcePosition.start
    private var up: [SQLStatement]?
    private var down: [SQLStatement]?
    private var upSpan: SourceSpan?
    private var downSpan: SourceSpan?
    private var classifications: [StatementClassifier.Classification] = []
    private var downDirectiveOffset: Int?
    private var lintIgnores: [LintIgnoreComment] = []

    init(source: LexedText) {
        self.source = source
        builder = StatementBuilder(source: source)
    }

    /// The script, and the offset of the `-- strata:down` comment that opened the down part.
    func parse() -> (script: MigrationScript, downDirectiveOffset: Int?) {
        var parser = self
        let script = parser.run()
        return (script, parser.downDirectiveOffset)
    }

    // MARK: - The pass

    private mutating func run() -> MigrationScript {
        // In token order, so the pass below meets them with one cursor.
        let candidates = source.tokens.indices.compactMap { candidate(at: $0) }
        hasUpLine = candidates.contains { $0.isAloneOnLine && $0.word == MigrationDirective.up.rawValue }
        section = hasUpLine ? .header : .up

        var nextCandidate = 0
        for index in source.tokens.indices {
            if nextCandidate < candidates.count && candidates[nextCandidate].index == index {
                handle(candidates[nextCandidate])
                nextCandidate += 1
                continue
            }
            switch section {
            case .header:
                if firstHeaderCode == nil && !source.tokens[index].kind.isTrivia { firstHeaderCode = index }
            case .up, .down:
                builder.consume(index)
            }
        }
        switch section {
        case .header:
            headerEnd = source.bytes.count
            reportHeaderCode()
        case .up:
            closeUp(at: source.endPosition)
        case .down:
            closeDown(at: source.endPosition)
        }
        validate()

        let ordered = (source.diagnostics + diagnostics).enumerated().sorted {
            ($0.element.position.offset, $0.offset) < ($1.element.position.offset, $1.offset)
        }
        return MigrationScript(
            header: headerEnd.map { source.text(0..<$0) } ?? "",
            isTransactional: isTransactional,
            up: up ?? [],
            down: down,
            upSpan: upSpan,
            downSpan: downSpan,
            diagnostics: ordered.map(\.element),
            standardConformingStringsAfterUp: source.standardConformingStrings(at: downDirectiveOffset ?? source.bytes.count),
            standardConformingStringsAfterDown: downDirectiveOffset == nil ? true : source.standardConformingStrings(at: source.bytes.count),
            lintIgnores: lintIgnores
        )
    }

    // MARK: - Directives

    private func candidate(at index: Int) -> Candidate? {
        let token = source.tokens[index]
        guard token.kind == .lineComment else { return nil }
        let body = trimmed(source.bytes[(token.range.lowerBound + 2)..<token.range.upperBound])
        let prefix = Array("strata:".utf8)
        guard body.count >= prefix.count,
            zip(body.prefix(prefix.count), prefix).allSatisfy({ ($0.isASCIILetter ? $0 | 0x20 : $0) == $1 })
        else { return nil }
        let word = trimmed(body.dropFirst(prefix.count))
        return Candidate(
            index: index,
            word: String(decoding: word.map { $0.isASCIILetter ? $0 | 0x20 : $0 }, as: UTF8.self),
            isAloneOnLine: lineStartOffset(of: index) != nil
        )
    }

    private mutating func handle(_ candidate: Candidate) {
        let position = source.tokens[candidate.index].start
        let written = "-- strata:\(candidate.word)"
        guard candidate.isAloneOnLine else {
            report(
                .misplacedDirective,
                "\(written) must be on a line of its own; after code on the same line it is ignored",
                hint: "move \(written) to a line of its own",
                at: position
            )
            return
        }
        if let ignore = lintIgnore(candidate, at: position) {
            lintIgnores.append(ignore)
            return
        }
        guard let directive = MigrationDirective(rawValue: candidate.word) else {
            report(
                .unknownDirective,
                "unknown directive \(written)",
                hint: "the known directives are \(MigrationDirective.knownList)",
                at: position
            )
            return
        }
        guard !seen.contains(directive) else {
            report(
                .duplicateDirective,
                "\(directive.line) appears more than once; only the first one counts",
                hint: "remove this line",
                at: position
            )
            return
        }
        seen.insert(directive)
        switch directive {
        case .up: handleUp(candidate, at: position)
        case .down: handleDown(candidate, at: position)
        case .noTransaction: handleNoTransaction(at: position)
        }
    }

    /// A `-- strata:lint-ignore…` comment: the linter's business, read here so that it is not an
    /// unknown directive. The reason keeps its case, so it is read again from the comment's text.
    private func lintIgnore(_ candidate: Candidate, at position: SourcePosition) -> LintIgnoreComment? {
        guard candidate.word.hasPrefix("lint-ignore") else { return nil }
        let token = source.tokens[candidate.index]
        let text = source.text((token.range.lowerBound + 2)..<token.range.upperBound)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let body = text[text.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        return LintIgnoreComment.parse(String(body), at: position)
    }

    private mutating func handleUp(_ candidate: Candidate, at position: SourcePosition) {
        guard section == .header else {
            report(
                .misplacedDirective,
                "-- strata:up after -- strata:down is ignored",
                hint: "put the up part first: -- strata:up, its statements, then -- strata:down and its statements",
                at: position
            )
            return
        }
        headerEnd = lineStart(of: candidate.index).offset
        reportHeaderCode()
        section = .up
        upStart = lineAfter(candidate.index)
    }

    private mutating func handleDown(_ candidate: Candidate, at position: SourcePosition) {
        let start = lineStart(of: candidate.index)
        switch section {
        case .header:
            headerEnd = start.offset
            report(
                .missingUpDirective,
                "-- strata:down comes before -- strata:up",
                hint: "put -- strata:up and the statements that apply the migration above -- strata:down",
                at: position
            )
        case .up:
            if !hasUpLine {
                report(
                    .missingUpDirective,
                    "-- strata:down without a -- strata:up before it",
                    hint: "add -- strata:up above the statements that apply the migration",
                    at: position
                )
            }
            if builder.hasPendingStatement {
                report(
                    .misplacedDirective,
                    "-- strata:down interrupts an unfinished statement; the up part ends here",
                    hint: "end the statement with ; before -- strata:down",
                    at: position
                )
            }
            closeUp(at: start)
        case .down:
            return
        }
        section = .down
        downStart = lineAfter(candidate.index)
        downDirectiveOffset = source.tokens[candidate.index].range.lowerBound
    }

    private mutating func handleNoTransaction(at position: SourcePosition) {
        switch section {
        case .header:
            isTransactional = false
        case .up where !hasUpLine:
            if builder.hasPendingStatement || !builder.statements.isEmpty {
                report(
                    .misplacedDirective,
                    "-- strata:no-transaction must come before the first statement",
                    hint: "move -- strata:no-transaction to the top of the file; it applies to the whole file",
                    at: position
                )
            } else {
                isTransactional = false
            }
        case .up, .down:
            report(
                .misplacedDirective,
                "-- strata:no-transaction must come before -- strata:up",
                hint: "move it above -- strata:up; it applies to the whole file",
                at: position
            )
        }
    }

    private mutating func reportHeaderCode() {
        guard let index = firstHeaderCode else { return }
        firstHeaderCode = nil
        report(
            .statementInHeader,
            "SQL before -- strata:up never runs",
            hint: "the text before -- strata:up is a comment header; move the SQL below -- strata:up, or start each header line with --",
            at: source.tokens[index].start
        )
    }

    // MARK: - Sections

    private mutating func closeUp(at end: SourcePosition) {
        let (statements, classified) = builder.takeStatements()
        up = statements
        classifications += classified
        upSpan = SourceSpan(start: upStart, end: max(upStart, end))
    }

    private mutating func closeDown(at end: SourcePosition) {
        let (statements, classified) = builder.takeStatements()
        down = statements
        classifications += classified
        downSpan = SourceSpan(start: downStart, end: max(downStart, end))
    }

    // MARK: - Validation

    private mutating func validate() {
        let statements = (up ?? []) + (down ?? [])
        for (statement, classification) in zip(statements, classifications) {
            validate(statement, command: classification.command)
        }
    }

    private mutating func validate(_ statement: SQLStatement, command: String) {
        let position = statement.span.start
        switch statement.kind {
        case .ordinary:
            return
        case .metaCommand:
            let name = statement.text.prefix { !$0.isWhitespace }
            report(
                .metaCommand,
                "psql meta-command \(name) is not SQL; the server cannot run it",
                hint: "psql meta-commands are not SQL; inline the file or write plain SQL",
                at: position
            )
        case .copyFromStdin:
            report(
                .copyFromStdin,
                "COPY … FROM STDIN needs psql's data stream, which a migration does not have",
                hint: "insert the rows with INSERT … VALUES, or COPY from a file on the database server",
                at: position
            )
        case .transactionControl where isTransactional:
            report(
                .transactionControl,
                "\(command) controls the transaction, but this migration runs inside one",
                hint: "Strata wraps each migration in a transaction; remove it, or add -- strata:no-transaction before -- strata:up",
                at: position
            )
        case .nonTransactional where isTransactional:
            let alternative = command.contains("CONCURRENTLY") ? ", or remove CONCURRENTLY" : ""
            report(
                .notAllowedInTransaction,
                "\(command) cannot run inside a transaction block, and this migration runs in one",
                hint: "add -- strata:no-transaction before -- strata:up\(alternative)",
                at: position
            )
        case .transactionControl, .nonTransactional:
            return
        }
    }

    // MARK: - Helpers

    private mutating func report(_ code: SQLDiagnostic.Code, _ message: String, hint: String, at position: SourcePosition) {
        diagnostics.append(SQLDiagnostic(code: code, message: message, hint: hint, position: position))
    }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first.isSQLWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isSQLWhitespace { slice = slice.dropLast() }
        return slice
    }

    /// The offset where the line of the token at `index` starts, if only blanks precede the token
    /// on that line.
    private func lineStartOffset(of index: Int) -> Int? {
        var cursor = source.tokens[index].range.lowerBound
        while cursor > 0 && source.bytes[cursor - 1].isBlank { cursor -= 1 }
        let bom = TokenScanner.byteOrderMark
        if cursor == bom.count && source.bytes.starts(with: bom) { return 0 }
        return cursor == 0 || source.bytes[cursor - 1].isLineBreak ? cursor : nil
    }

    /// The start of the line of a directive that is alone on its line.
    private func lineStart(of index: Int) -> SourcePosition {
        let token = source.tokens[index]
        let offset = lineStartOffset(of: index) ?? token.range.lowerBound
        // Only blanks (or a byte order mark at the start of the file) precede the token on its line.
        return SourcePosition(line: token.start.line, column: 1, offset: offset)
    }

    /// The start of the line after the line comment at `index`, or the end of the input.
    private func lineAfter(_ index: Int) -> SourcePosition {
        let end = source.tokens[index].range.upperBound
        guard end < source.bytes.count else { return source.endPosition }
        let atEnd = source.position(after: index)
        let isCRLF = source.bytes[end] == UInt8(ascii: "\r") && end + 1 < source.bytes.count
            && source.bytes[end + 1] == UInt8(ascii: "\n")
        return SourcePosition(line: atEnd.line + 1, column: 1, offset: end + (isCRLF ? 2 : 1))
    }
}
