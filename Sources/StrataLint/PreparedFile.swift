import StrataSQL

/// A file read for linting: parsed, each up statement's words, and what the parser made of
/// them. Reading needs nothing from the files before, so files are read in parallel; only
/// checking them against the schema is done in order.
struct PreparedFile {
    let file: LintFile
    let script: MigrationScript
    /// Per statement of `script.up`, its significant tokens.
    let words: [[Word]]
    /// Per statement of `script.up`, what ``StatementParser`` read.
    let parsed: [ParsedStatement]

    init(_ file: LintFile, parses: ScriptParseCache? = nil) {
        self.file = file
        let parse = parses?.parse(file.text) ?? ScriptParseCache.Parse(parsing: file.text)
        let (script, tokens, bytes) = (parse.script, parse.tokens, parse.bytes)
        self.script = script
        guard script.isValid else {
            words = []
            parsed = []
            return
        }
        var words: [[Word]] = []
        words.reserveCapacity(script.up.count)
        var tokenIndex = 0
        for statement in script.up {
            var statementWords: [Word] = []
            let range = statement.span.byteRange
            while tokenIndex < tokens.count && tokens[tokenIndex].range.lowerBound < range.upperBound {
                let token = tokens[tokenIndex]
                if token.range.lowerBound >= range.lowerBound && !token.kind.isTrivia {
                    statementWords.append(Word(token: token, bytes: bytes))
                }
                tokenIndex += 1
            }
            words.append(statementWords)
        }
        self.words = words
        parsed = words.map { StatementParser.parse($0[...]) }
    }

    /// Reads `files` on every core, keeping their order, through `parses` when given.
    static func prepareAll(_ files: [LintFile], parses: ScriptParseCache? = nil) -> [PreparedFile] {
        ScriptParseCache.concurrentMap(files) { PreparedFile($0, parses: parses) }
    }
}
