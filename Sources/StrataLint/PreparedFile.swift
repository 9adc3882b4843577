import Dispatch
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

    init(_ file: LintFile) {
        self.file = file
        let (script, tokens, bytes) = MigrationScript.parseWithTokens(file.text)
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

    /// Reads `files` on every core, keeping their order.
    static func prepareAll(_ files: [LintFile]) -> [PreparedFile] {
        guard files.count > 8 else { return files.map(PreparedFile.init) }
        let chunks = min(files.count, 64)
        var results = [[PreparedFile]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slot.
            nonisolated(unsafe) let slots = UnsafeMutableBufferPointer(start: buffer.baseAddress, count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (files.count * chunk / chunks)..<(files.count * (chunk + 1) / chunks)
                slots[chunk] = files[range].map(PreparedFile.init)
            }
        }
        return results.flatMap { $0 }
    }
}
