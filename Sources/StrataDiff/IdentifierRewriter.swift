import Foundation
import StrataSQL

/// Renames identifiers inside deparsed SQL (constraint, index and generation expressions)
/// after a rename the user asserted, so that unchanged definitions compare equal. It
/// replaces whole identifier tokens outside string literals, in PostgreSQL's spelling.
enum IdentifierRewriter {
    /// `text` with every identifier token spelled as `old` respelled as `new`.
    static func rename(_ old: String, to new: String, in text: String) -> String {
        let oldSpellings: Set<String> = [SQLIdentifier.quoteIfNeeded(old), SQLIdentifier.quote(old)]
        let replacement = SQLIdentifier.quoteIfNeeded(new)
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" {
                let end = endOfQuoted(text, from: index, quote: "'")
                result += text[index..<end]
                index = end
            } else if character == "\"" {
                let end = endOfQuoted(text, from: index, quote: "\"")
                let token = String(text[index..<end])
                result += oldSpellings.contains(token) ? replacement : token
                index = end
            } else if isIdentifierStart(character) {
                var end = text.index(after: index)
                while end < text.endIndex, isIdentifierPart(text[end]) { end = text.index(after: end) }
                let token = String(text[index..<end])
                result += oldSpellings.contains(token) ? replacement : token
                index = end
            } else if isIdentifierPart(character) {
                // Digits inside numbers.
                var end = text.index(after: index)
                while end < text.endIndex, isIdentifierPart(text[end]) { end = text.index(after: end) }
                result += text[index..<end]
                index = end
            } else {
                result.append(character)
                index = text.index(after: index)
            }
        }
        return result
    }

    /// Renames the table in `schema.table` references.
    static func renameTable(schema: String, _ old: String, to new: String, in text: String) -> String {
        let oldNames = [SQLIdentifier.qualified(schema, old), SQLIdentifier.quote(schema) + "." + SQLIdentifier.quote(old)]
        let newName = SQLIdentifier.qualified(schema, new)
        var result = text
        for oldName in oldNames {
            for suffix in [" ", "(", ")", ",", "\n"] {
                result = result.replacingOccurrences(of: oldName + suffix, with: newName + suffix)
            }
            if result.hasSuffix(oldName) { result = String(result.dropLast(oldName.count)) + newName }
        }
        return result
    }

    private static func endOfQuoted(_ text: String, from start: String.Index, quote: Character) -> String.Index {
        var index = text.index(after: start)
        while index < text.endIndex {
            if text[index] == quote {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == quote {
                    index = text.index(after: next)
                    continue
                }
                return next
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character == "_" || character.isLetter
    }

    private static func isIdentifierPart(_ character: Character) -> Bool {
        character == "_" || character == "$" || character.isLetter || character.isNumber
    }
}
