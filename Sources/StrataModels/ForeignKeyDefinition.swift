import StrataSchema

/// A foreign key's definition: `FOREIGN KEY (a) REFERENCES s.t(b) [MATCH FULL]
/// [ON UPDATE action] [ON DELETE action] [DEFERRABLE] [INITIALLY DEFERRED] [NOT VALID]`.
struct ForeignKeyDefinition: Equatable {
    var columns: [String]
    var table: QualifiedName
    var referencedColumns: [String]
    /// `cascade`, `restrict`, `set null`, `set default`; nil for NO ACTION.
    var onDelete: String?
    var onUpdate: String?
    var matchFull: Bool
    var notValid: Bool

    init(parsing constraint: Constraint) throws(ImportGap) {
        let definition = constraint.definition
        let text = DefinitionText(definition)
        guard let tokens = text.tokens, text.hasWords(["FOREIGN", "KEY"], at: 0), tokens.count > 2, tokens[2].kind == .group,
              text.hasWords(["REFERENCES"], at: 3),
              let target = tokens[4...].firstIndex(where: { $0.kind == .group })
        else { throw ImportGap("unexpected foreign key definition \(definition)") }
        if DefinitionText(tokens[2].inner).firstWord("PERIOD") != nil {
            throw ImportGap("a temporal foreign key (PERIOD) is not in the model format")
        }
        columns = constraint.columns.isEmpty ? try IndexDefinition.names(tokens[2].inner, in: definition) : constraint.columns
        referencedColumns = constraint.referencedColumns.isEmpty
            ? try IndexDefinition.names(tokens[target].inner, in: definition) : constraint.referencedColumns
        if let referenced = constraint.referencedTable {
            table = referenced
        } else {
            let parts = tokens[4..<target].filter { $0.kind != .symbol }
                .map { $0.kind == .quotedIdentifier ? DefinitionText.unquote($0.text) : $0.text }
            guard (1...2).contains(parts.count) else { throw ImportGap("unexpected foreign key definition \(definition)") }
            table = parts.count == 2 ? QualifiedName(parts[0], parts[1]) : QualifiedName("public", parts[0])
        }
        onDelete = nil
        onUpdate = nil
        matchFull = false
        notValid = !constraint.isValidated
        var index = target + 1
        while index < tokens.count {
            if text.hasWords(["MATCH", "FULL"], at: index) {
                matchFull = true
                index += 2
            } else if text.hasWords(["MATCH", "SIMPLE"], at: index) {
                index += 2
            } else if text.hasWords(["ON"], at: index), index + 2 < tokens.count,
                      tokens[index + 1].isWord("DELETE") || tokens[index + 1].isWord("UPDATE") {
                let (action, length) = try Self.action(text, at: index + 2)
                if tokens[index + 1].isWord("DELETE") { onDelete = action } else { onUpdate = action }
                index += 2 + length
                if index < tokens.count, tokens[index].kind == .group {
                    throw ImportGap("an ON DELETE action on a subset of the columns is not in the model format")
                }
            } else if text.hasWords(["DEFERRABLE"], at: index) || text.hasWords(["NOT", "DEFERRABLE"], at: index) {
                index += tokens[index].isWord("NOT") ? 2 : 1
            } else if text.hasWords(["INITIALLY", "DEFERRED"], at: index) || text.hasWords(["INITIALLY", "IMMEDIATE"], at: index) {
                index += 2
            } else if text.hasWords(["NOT", "VALID"], at: index) {
                notValid = true
                index += 2
            } else {
                throw ImportGap("\(text.text(fromToken: index)) is not in the model format")
            }
        }
    }

    /// The referential action at `index` in the model's spelling, and how many words it takes.
    private static func action(_ text: DefinitionText, at index: Int) throws(ImportGap) -> (String?, Int) {
        let actions: [([String], String?)] = [
            (["NO", "ACTION"], nil), (["SET", "NULL"], "set null"), (["SET", "DEFAULT"], "set default"),
            (["CASCADE"], "cascade"), (["RESTRICT"], "restrict"),
        ]
        for (words, spelling) in actions where text.hasWords(words, at: index) {
            return (spelling, words.count)
        }
        throw ImportGap("unexpected referential action \(text.text(fromToken: index))")
    }
}
