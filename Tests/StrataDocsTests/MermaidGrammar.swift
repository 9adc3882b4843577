import Foundation

/// A strict, line-by-line checker of the Mermaid `erDiagram` text Strata writes, following
/// Mermaid's own grammar (its `erDiagram.jison` lexer and rules) for the forms it uses:
///
/// ```
/// diagram      := "erDiagram" NEWLINE (statement NEWLINE)*
/// statement    := entity "{" | attribute | "}" | entity | relationship
/// entity       := '"' [^"%\\\r\n\v\b]+ '"' | [A-Za-z_][A-Za-z0-9_-]*        (not a keyword)
/// attribute    := word word (key ("," key)*)? comment?                       (inside a block only)
/// word         := [A-Za-z_*][A-Za-z0-9_()[\]-]*                              (not PK, FK or UK)
/// key          := "PK" | "FK" | "UK"
/// comment      := '"' [^"]* '"'
/// relationship := entity left ("--" | "..") right entity ":" label           (outside blocks only)
/// left         := "|o" | "||" | "}o" | "}|"        right := "o|" | "||" | "o{" | "|{"
/// label        := '"' [^"]* '"' | [A-Za-z0-9_-]+
/// ```
///
/// Beyond the grammar it checks what makes a diagram correct: blocks close and do not
/// nest, an entity is declared once, a relationship joins declared entities, no attribute
/// repeats a key, and every line is indented (no tabs).
struct MermaidGrammar {
    /// One problem: the 1-based line and what is wrong.
    struct Problem: CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// The parsed diagram, for checks on what it says.
    struct Diagram {
        var entities: [String: [Attribute]] = [:]
        var relationships: [Relationship] = []
    }

    struct Attribute: Equatable {
        var type: String
        var name: String
        var keys: [String]
    }

    struct Relationship: Equatable {
        var first: String
        var left: String
        var identifying: Bool
        var right: String
        var second: String
        var label: String
    }

    static let keywords: Set<String> = [
        "erdiagram", "one", "many", "to", "end", "class", "classdef", "style", "subgraph", "direction", "acctitle", "accdescr", "title",
        "only", "zero", "u",
    ]

    /// Checks `text`; returns the diagram and every problem found.
    static func check(_ text: String) -> (diagram: Diagram, problems: [Problem]) {
        var diagram = Diagram()
        var problems: [Problem] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == "erDiagram" else {
            return (diagram, [Problem(line: 1, message: "the first line must be erDiagram, not \(lines.first ?? "nothing")")])
        }
        var block: String?
        var declared: [String: Int] = [:]
        for (offset, raw) in lines.enumerated().dropFirst() {
            let number = offset + 1
            if raw.contains("\t") { problems.append(Problem(line: number, message: "tab character")) }
            guard raw.hasPrefix(" ") else {
                problems.append(Problem(line: number, message: "statements are indented"))
                continue
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            var scanner = Scanner(line)
            if let entity = block {
                if line == "}" {
                    block = nil
                    continue
                }
                guard let type = scanner.word(), let name = scanner.word() else {
                    problems.append(Problem(line: number, message: "an attribute is a type and a name: \(line)"))
                    continue
                }
                var keys: [String] = []
                if let key = scanner.key() {
                    keys.append(key)
                    while scanner.skip(",") {
                        guard let next = scanner.key() else {
                            problems.append(Problem(line: number, message: "a key after the comma"))
                            break
                        }
                        keys.append(next)
                    }
                }
                if Set(keys).count != keys.count { problems.append(Problem(line: number, message: "a key repeated")) }
                if scanner.peek == "\"" && scanner.quoted(allowingAnything: true) == nil {
                    problems.append(Problem(line: number, message: "an unterminated comment"))
                }
                if !scanner.atEnd { problems.append(Problem(line: number, message: "unexpected text after the attribute: \(scanner.rest)")) }
                diagram.entities[entity, default: []].append(Attribute(type: type, name: name, keys: keys))
                continue
            }
            guard let first = scanner.entity() else {
                problems.append(Problem(line: number, message: "not an entity name: \(line)"))
                continue
            }
            if scanner.atEnd || scanner.skip("{") {
                let opensBlock = line.hasSuffix("{")
                if !scanner.atEnd { problems.append(Problem(line: number, message: "unexpected text after \(first): \(scanner.rest)")) }
                if let previous = declared[first] {
                    problems.append(Problem(line: number, message: "\(first) declared again (first on line \(previous))"))
                }
                declared[first] = number
                diagram.entities[first] = diagram.entities[first] ?? []
                if opensBlock { block = first }
                continue
            }
            guard let left = scanner.oneOf(["|o", "||", "}o", "}|"]), let connector = scanner.oneOf(["--", ".."]),
                  let right = scanner.oneOf(["o|", "||", "o{", "|{"]) else {
                problems.append(Problem(line: number, message: "a relationship needs left and right cardinalities and -- or ..: \(line)"))
                continue
            }
            guard let second = scanner.entity(), scanner.skip(":"), let label = scanner.label(), scanner.atEnd else {
                problems.append(Problem(line: number, message: "a relationship is `a <cardinality> b : label`: \(line)"))
                continue
            }
            diagram.relationships.append(Relationship(first: first, left: left, identifying: connector == "--", right: right, second: second, label: label))
        }
        if let block { problems.append(Problem(line: lines.count, message: "the block of \(block) is not closed")) }
        for relationship in diagram.relationships {
            for end in [relationship.first, relationship.second] where declared[end] == nil {
                problems.append(Problem(line: 0, message: "relationship \(relationship.label) names \(end), which is not declared"))
            }
        }
        return (diagram, problems)
    }

    /// Reads one line's tokens, skipping spaces between them.
    private struct Scanner {
        var characters: [Character]
        var index = 0

        init(_ text: String) { characters = Array(text) }

        var atEnd: Bool {
            mutating get {
                skipSpaces()
                return index == characters.count
            }
        }
        var peek: Character? {
            mutating get {
                skipSpaces()
                return index < characters.count ? characters[index] : nil
            }
        }
        var rest: String { String(characters[index...]) }

        mutating func skipSpaces() {
            while index < characters.count, characters[index] == " " { index += 1 }
        }

        mutating func skip(_ text: String) -> Bool {
            skipSpaces()
            let wanted = Array(text)
            guard characters.count - index >= wanted.count, Array(characters[index..<(index + wanted.count)]) == wanted else { return false }
            index += wanted.count
            return true
        }

        mutating func oneOf(_ options: [String]) -> String? {
            for option in options where skip(option) { return option }
            return nil
        }

        /// `"…"`; without `allowingAnything`, Mermaid's quoted entity name (no `%`, `\`, control characters).
        mutating func quoted(allowingAnything: Bool) -> String? {
            skipSpaces()
            guard index < characters.count, characters[index] == "\"" else { return nil }
            var end = index + 1
            while end < characters.count, characters[end] != "\"" {
                let character = characters[end]
                if !allowingAnything && (character == "%" || character == "\\" || character.unicodeScalars.contains { $0.value < 0x20 }) { return nil }
                end += 1
            }
            guard end < characters.count, allowingAnything || end > index + 1 else { return nil }
            let text = String(characters[(index + 1)..<end])
            index = end + 1
            return text
        }

        mutating func run(first: (Character) -> Bool, rest: (Character) -> Bool) -> String? {
            skipSpaces()
            guard index < characters.count, first(characters[index]) else { return nil }
            var end = index + 1
            while end < characters.count, rest(characters[end]) { end += 1 }
            let text = String(characters[index..<end])
            index = end
            return text
        }

        mutating func entity() -> String? {
            if peek == "\"" { return quoted(allowingAnything: false) }
            let start = index
            guard let name = run(first: { $0.isASCII && ($0.isLetter || $0 == "_") }, rest: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else { return nil }
            if MermaidGrammar.keywords.contains(name.lowercased()) {
                index = start
                return nil
            }
            return name
        }

        mutating func word() -> String? {
            let start = index
            guard let word = run(
                first: { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "*") },
                rest: { $0.isASCII && ($0.isLetter || $0.isNumber || "_-()[]".contains($0)) }
            ) else { return nil }
            if ["PK", "FK", "UK"].contains(word.uppercased()) {
                index = start
                return nil
            }
            return word
        }

        mutating func key() -> String? {
            let start = index
            guard let word = run(first: { $0.isLetter }, rest: { $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            guard ["PK", "FK", "UK"].contains(word) else {
                index = start
                return nil
            }
            return word
        }

        mutating func label() -> String? {
            if peek == "\"" { return quoted(allowingAnything: true) }
            return run(first: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") },
                       rest: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        }
    }

    /// The bodies of the ```` ```mermaid ```` blocks of a Markdown page.
    static func blocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```mermaid" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }
}
