import StrataSQL

/// What a named query returns, from its `-- name: Name :kind` line.
public enum QueryKind: String, Sendable, Codable, CaseIterable {
    /// At most one row: the function returns an optional row (or a row when one is certain).
    case one
    /// Every row: the function returns an array.
    case many
    /// No rows: the function returns nothing.
    case exec
    /// The number of rows the statement affected.
    case execrows
}

/// A parameter of a named query: `@name`, or `strata.narg(name)` to force it optional,
/// numbered in order of first use; a name used twice is one parameter.
public struct QueryParameter: Sendable, Equatable {
    public var name: String
    /// `$n` in the statement sent to the server.
    public var number: Int
    /// Written as `strata.narg(name)`: the function takes an optional and binds NULL for nil.
    public var forcedOptional: Bool
}

/// One named query of a `queries/*.sql` file, its parameters rewritten to `$n`.
public struct QueryDefinition: Sendable, Equatable {
    public var name: String
    public var kind: QueryKind
    /// The file as shown to the user (relative to the project).
    public var file: String
    /// Where the `-- name:` line is.
    public var line: Int
    /// The statement as written, without the name line.
    public var text: String
    /// The statement sent to the server: parameters as `$1`, `$2`, …
    public var sql: String
    public var parameters: [QueryParameter]
    /// For each Unicode scalar of `sql`, the position in the file it came from.
    var sourceMap: [SourcePosition]

    /// The file position of the character at `position` (1-based, in characters, as the
    /// server's error `position` counts) of ``sql``.
    public func sourcePosition(ofServerPosition position: Int) -> SourcePosition? {
        guard position >= 1, !sourceMap.isEmpty else { return nil }
        return sourceMap[min(position - 1, sourceMap.count - 1)]
    }
}

/// A problem in a query file: the file, line and column, and what to do.
public struct QueryFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads the named queries of one file: each starts at a `-- name: Name :kind` comment and
/// runs to the next one; one statement each.
public enum QueryFileParser {
    public static func parse(_ text: String, file: String) throws(QueryFileError) -> [QueryDefinition] {
        let lexed = Lexer(text).tokens().tokens
        var queries: [QueryDefinition] = []
        var current: (name: String, kind: QueryKind, line: Int, tokens: [Token])?
        var sawStatementBeforeName: Token?

        func finish() throws(QueryFileError) {
            guard let open = current else { return }
            queries.append(try build(open.name, open.kind, line: open.line, tokens: open.tokens, text: text, file: file))
            current = nil
        }

        for token in lexed {
            if token.kind == .lineComment, let header = try nameLine(token, text: text, file: file) {
                try finish()
                current = (header.name, header.kind, token.start.line, [])
                continue
            }
            if current == nil {
                if !token.kind.isTrivia && sawStatementBeforeName == nil { sawStatementBeforeName = token }
                continue
            }
            current?.tokens.append(token)
        }
        try finish()
        if let stray = sawStatementBeforeName {
            throw QueryFileError(
                file: file, line: stray.start.line, column: stray.start.column,
                message: "SQL before the first `-- name:` line",
                hint: "start every query with a line such as `-- name: OrdersByUser :many`"
            )
        }
        return queries
    }

    /// `-- name: OrdersByUser :many` → the name and kind; nil for any other comment.
    private static func nameLine(_ token: Token, text: String, file: String) throws(QueryFileError) -> (name: String, kind: QueryKind)? {
        let body = token.text(in: text).dropFirst(2).drop(while: { $0 == " " || $0 == "\t" })
        guard body.hasPrefix("name:") else { return nil }
        let words = body.dropFirst(5).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let fail = { (message: String) in
            QueryFileError(
                file: file, line: token.start.line, column: token.start.column, message: message,
                hint: "write `-- name: OrdersByUser :one` (kinds: :one, :many, :exec, :execrows)"
            )
        }
        guard words.count == 2, words[1].hasPrefix(":") else { throw fail("a `-- name:` line needs a name and a kind") }
        let name = words[0]
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
              name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }) else {
            throw fail("the query name \(name) is not an identifier (letters, digits and _)")
        }
        guard let kind = QueryKind(rawValue: String(words[1].dropFirst())) else {
            throw fail("unknown query kind \(words[1])")
        }
        return (name, kind)
    }

    /// The statement of one query: parameters numbered, `$n` written, a map back to the file.
    private static func build(
        _ name: String, _ kind: QueryKind, line: Int, tokens: [Token], text: String, file: String
    ) throws(QueryFileError) -> QueryDefinition {
        // Leading and trailing trivia and the final semicolon are not part of the statement.
        var body = tokens[...]
        while let first = body.first, first.kind.isTrivia { body = body.dropFirst() }
        while let last = body.last, last.kind.isTrivia || (last.kind == .punctuation && last.text(in: text) == ";") {
            body = body.dropLast()
        }
        guard let first = body.first else {
            throw QueryFileError(file: file, line: line, column: 1, message: "the query \(name) has no statement", hint: "write its SQL under the `-- name:` line")
        }
        if let semicolon = body.first(where: { $0.kind == .punctuation && $0.text(in: text) == ";" }) {
            throw QueryFileError(
                file: file, line: semicolon.start.line, column: semicolon.start.column,
                message: "the query \(name) holds more than one statement",
                hint: "give each statement its own `-- name:` line"
            )
        }
        var parameters: [QueryParameter] = []
        var sql = ""
        var map: [SourcePosition] = []
        func emit(_ piece: String, from position: SourcePosition) {
            for scalar in piece.unicodeScalars {
                sql.unicodeScalars.append(scalar)
                map.append(position)
            }
        }
        let utf8 = Array(text.utf8)
        func emitSource(_ token: Token) {
            var position = token.start
            for index in token.range {
                // One map entry per Unicode scalar: a byte that is not a UTF-8 continuation.
                if utf8[index] & 0xC0 != 0x80 { map.append(position) }
                position.advance(over: utf8[index], next: index + 1 < utf8.count ? utf8[index + 1] : nil)
            }
            sql += token.text(in: text)
        }
        func number(for parameter: String, optional: Bool) -> Int {
            if let index = parameters.firstIndex(where: { $0.name == parameter }) {
                if optional { parameters[index].forcedOptional = true }
                return parameters[index].number
            }
            parameters.append(QueryParameter(name: parameter, number: parameters.count + 1, forcedOptional: optional))
            return parameters.count
        }
        let items = Array(body)
        var index = 0
        while index < items.count {
            let token = items[index]
            let spelled = token.text(in: text)
            // `@name`: an operator ending in a single `@` right before an identifier.
            if token.kind == .operator, spelled.hasSuffix("@"), !spelled.hasSuffix("@@"),
               index + 1 < items.count, items[index + 1].kind == .identifier,
               items[index + 1].range.lowerBound == token.range.upperBound {
                let parameter = items[index + 1].text(in: text)
                if spelled.count > 1 { emitSource(Token(kind: .operator, range: token.range.lowerBound..<(token.range.upperBound - 1), start: token.start)) }
                let at = SourcePosition(line: token.start.line, column: token.start.column + spelled.count - 1, offset: token.range.upperBound - 1)
                emit("$\(number(for: parameter.lowercased(), optional: false))", from: at)
                index += 2
                continue
            }
            // `strata.narg(name)` / `strata.arg(name)`.
            if token.kind == .identifier, spelled.lowercased() == "strata", let call = strataCall(items, at: index, text: text) {
                emit("$\(number(for: call.name, optional: call.optional))", from: token.start)
                index = call.next
                continue
            }
            emitSource(token)
            index += 1
        }
        let statementText = String(decoding: utf8[first.range.lowerBound..<items.last!.range.upperBound], as: UTF8.self)
        return QueryDefinition(
            name: name, kind: kind, file: file, line: line, text: statementText, sql: sql,
            parameters: parameters, sourceMap: map
        )
    }

    /// `strata . narg ( name )` starting at `index`: the name, whether optional, and the
    /// index after the closing parenthesis.
    private static func strataCall(_ items: [Token], at index: Int, text: String) -> (name: String, optional: Bool, next: Int)? {
        let significant = items[index...].enumerated().lazy.filter { !$0.element.kind.isTrivia }.prefix(6).map { ($0.offset + index, $0.element) }
        let parts = Array(significant)
        guard parts.count == 6, parts[1].1.text(in: text) == ".",
              ["narg", "arg"].contains(parts[2].1.text(in: text).lowercased()),
              parts[3].1.text(in: text) == "(", parts[4].1.kind == .identifier, parts[5].1.text(in: text) == ")" else { return nil }
        return (parts[4].1.text(in: text).lowercased(), parts[2].1.text(in: text).lowercased() == "narg", parts[5].0 + 1)
    }
}
