/// Walks the tokens of SQL or PL/pgSQL text and collects the names it uses (see
/// ``SQLReference``).
///
/// In PL/pgSQL mode it also reads `DECLARE` sections: the variable being declared is not a
/// reference (and later bare uses of it are dropped), while the names in its type (`film%ROWTYPE`,
/// `public.mood`, `t.col%TYPE`) are collected apart, because PostgreSQL resolves them when it
/// checks the function body at creation.
struct ReferenceScanner {
    /// What a scan found.
    struct Result {
        /// Every reference, sorted and unique.
        var used: [SQLReference]
        /// The references in PL/pgSQL declarations' types, sorted and unique.
        var declared: [SQLReference]
    }

    private struct Word {
        var kind: TokenKind
        var bytes: ArraySlice<UInt8>
    }

    private let words: [Word]
    private let isPLpgSQL: Bool
    /// Parameter names of the routine: bare uses are not references.
    private let excluded: Set<String>

    init(text: String, isPLpgSQL: Bool, excluding excluded: Set<String> = []) {
        let lexed = LexedText(text)
        words = lexed.tokens.filter { !$0.kind.isTrivia }.map { Word(kind: $0.kind, bytes: lexed.bytes[$0.range]) }
        self.isPLpgSQL = isPLpgSQL
        self.excluded = excluded
    }

    mutating func scan() -> Result {
        var found: [(reference: SQLReference, inDeclaration: Bool)] = []
        var variables = Set<String>()
        var isDeclaring = false
        var atDeclarationStart = false
        var inDeclarationType = false
        var index = 0
        while index < words.count {
            let word = words[index]
            if isPLpgSQL, let keyword = unquotedWord(index) {
                if keyword == "declare" {
                    isDeclaring = true
                    atDeclarationStart = true
                    index += 1
                    continue
                }
                if isDeclaring && keyword == "begin" {
                    isDeclaring = false
                    inDeclarationType = false
                    index += 1
                    continue
                }
            }
            if isDeclaring {
                if isPunctuation(index, ";") {
                    atDeclarationStart = true
                    inDeclarationType = false
                    index += 1
                    continue
                }
                if atDeclarationStart, let name = Self.name(word) {
                    variables.insert(name)
                    atDeclarationStart = false
                    inDeclarationType = true
                    index += 1
                    continue
                }
                if inDeclarationType, let keyword = unquotedWord(index), Self.endsDeclarationType.contains(keyword) {
                    inDeclarationType = false
                } else if inDeclarationType, word.kind == .operator, word.bytes.elementsEqual(":=".utf8) || word.bytes.elementsEqual("=".utf8) {
                    inDeclarationType = false
                }
                if inDeclarationType, unquotedWord(index) == "constant" {
                    index += 1
                    continue
                }
            }
            guard Self.name(word) != nil else {
                index += 1
                continue
            }
            let (reference, next) = reference(at: index)
            if let reference { found.append((reference, inDeclarationType)) }
            index = next
        }
        let hidden = variables.union(excluded)
        var used = Set<SQLReference>()
        var declared = Set<SQLReference>()
        for (reference, inDeclaration) in found {
            if inDeclaration {
                declared.insert(reference)
            } else if reference.usage == .name && reference.parts.count == 1 && hidden.contains(reference.parts[0]) {
                continue
            }
            used.insert(reference)
        }
        return Result(used: used.sorted(), declared: declared.sorted())
    }

    /// Words that end the type of a PL/pgSQL declaration.
    private static let endsDeclarationType: Set<String> = [
        "default", "not", "collate", "alias", "cursor", "scroll", "no", "for", "is",
    ]

    /// The dotted name starting at `index` and the index after it; `nil` when the name is not a
    /// reference.
    private func reference(at index: Int) -> (SQLReference?, Int) {
        var parts = [Self.name(words[index])!]
        var end = index + 1
        while end + 1 < words.count, isPunctuation(end, "."), let part = Self.name(words[end + 1]) {
            parts.append(part)
            end += 2
        }
        if index > 0 {
            let previous = words[index - 1]
            // `(r).field`, `$1.field`, `x.*`-like selections, `%ROWTYPE`, `<<label>>`.
            if previous.kind == .punctuation && previous.bytes.elementsEqual(".".utf8) { return (nil, end) }
            if previous.kind == .operator && (previous.bytes.last == UInt8(ascii: "%") || previous.bytes.elementsEqual("<<".utf8)) {
                return (nil, end)
            }
        }
        let isCall = end < words.count && isPunctuation(end, "(")
        if let first = unquotedWord(index) {
            switch SQLKeywordCategory.of(first) {
            case .reserved?:
                return (nil, end)
            case .columnName? where parts.count == 1:
                // `coalesce(…)`, `exists (…)`, `integer`, `values`: never a function or type name.
                return (nil, end)
            default:
                break
            }
        }
        return (SQLReference(parts, usage: isCall ? .call : .name), end)
    }

    /// The folded name of an identifier or quoted identifier token.
    private static func name(_ word: Word) -> String? {
        SQLIdentifier.name(of: word.kind, bytes: word.bytes)
    }

    /// The word at `index` lower-cased, when it is an unquoted identifier.
    private func unquotedWord(_ index: Int) -> String? {
        words[index].kind == .identifier ? Self.name(words[index]) : nil
    }

    private func isPunctuation(_ index: Int, _ text: String) -> Bool {
        words[index].kind == .punctuation && words[index].bytes.elementsEqual(text.utf8)
    }
}
