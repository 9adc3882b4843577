import StrataSchema

extension SchemaCatalog {
    // MARK: Spellings

    /// A type without array brackets: `public.status[]` → `public.status`.
    static func baseTypeName(_ type: String) -> String {
        guard type.utf8.last == UInt8(ascii: "]") else { return type }
        var base = Substring(type)
        while base.hasSuffix("[]") { base = base.dropLast(2) }
        return String(base)
    }

    /// The sequences named in `nextval('…'::regclass)` (and similar) calls of an expression.
    func sequencesReferenced(by expression: String) -> [QualifiedName] {
        guard expression.contains("::regclass") else { return [] }
        var found: [QualifiedName] = []
        for literal in Self.regclassLiterals(in: expression) {
            if let name = sequencesBySpelling[literal], !found.contains(name) { found.append(name) }
        }
        return found.sorted()
    }

    /// The contents of every `'…'::regclass` literal in a deparsed expression, unquoted.
    static func regclassLiterals(in expression: String) -> [String] {
        var literals: [String] = []
        var rest = Substring(expression)
        while let marker = rest.range(of: "'::regclass") {
            // Walk back from the closing quote to the opening one, over doubled quotes.
            let before = rest[..<marker.lowerBound]
            var start = before.endIndex
            var content = ""
            var index = before.endIndex
            while index > before.startIndex {
                let previous = before.index(before: index)
                if before[previous] == "'" {
                    if previous > before.startIndex, before[before.index(before: previous)] == "'" {
                        content.insert("'", at: content.startIndex)
                        index = before.index(before: previous)
                        continue
                    }
                    start = previous
                    break
                }
                content.insert(before[previous], at: content.startIndex)
                index = previous
            }
            if start != before.endIndex { literals.append(content) }
            rest = rest[marker.upperBound...]
        }
        return literals
    }

    /// The user type (enum, domain, composite) a column type names, if any.
    func userType(named type: String) -> QualifiedName? {
        userTypesBySpelling[Self.baseTypeName(type)]
    }
}
