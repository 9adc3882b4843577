/// The parts of a `pg_get_indexdef` text that the model format has keys for.
struct IndexDefinition: Equatable {
    var isUnique: Bool
    var method: String
    /// Key columns and expressions, as deparsed (`lower(email)`, `created_at DESC`).
    var keys: [String]
    /// Column names (unquoted).
    var include: [String]
    /// The predicate after `WHERE`, as deparsed.
    var whereClause: String?

    /// Reads `CREATE [UNIQUE] INDEX name ON table USING method (keys) [INCLUDE (…)] [WHERE …]`.
    init(parsing definition: String) throws(ImportGap) {
        let text = DefinitionText(definition)
        guard let tokens = text.tokens, let on = text.firstWord("ON"), let using = text.firstWord("USING", from: on),
              using + 2 < tokens.count, tokens[using + 1].kind == .word, tokens[using + 2].kind == .group
        else { throw ImportGap("unexpected index definition \(definition)") }
        if text.hasWords(["ONLY"], at: on + 1) { throw ImportGap("an index ON ONLY a partitioned table is not in the model format") }
        isUnique = text.hasWords(["CREATE", "UNIQUE"], at: 0)
        method = tokens[using + 1].text
        keys = DefinitionText.splitTopLevel(tokens[using + 2].inner)
        include = []
        whereClause = nil
        var index = using + 3
        while index < tokens.count {
            if text.hasWords(["INCLUDE"], at: index), index + 1 < tokens.count, tokens[index + 1].kind == .group {
                include = try Self.names(tokens[index + 1].inner, in: definition)
                index += 2
            } else if text.hasWords(["WHERE"], at: index), index + 1 < tokens.count {
                whereClause = text.text(fromToken: index + 1)
                return
            } else if text.hasWords(["NULLS", "NOT", "DISTINCT"], at: index) {
                throw ImportGap("NULLS NOT DISTINCT on an index is not in the model format (use a unique constraint)")
            } else if text.hasWords(["WITH"], at: index) {
                throw ImportGap("index storage parameters \(text.text(fromToken: index)) are not in the model format")
            } else {
                throw ImportGap("\(text.text(fromToken: index)) is not in the model format")
            }
        }
    }

    /// A comma-separated list of identifiers, unquoted.
    static func names(_ list: String, in definition: String) throws(ImportGap) -> [String] {
        var names: [String] = []
        for part in DefinitionText.splitTopLevel(list) {
            guard let name = DefinitionText.identifier(part) else { throw ImportGap("unexpected column \(part) in \(definition)") }
            names.append(name)
        }
        return names
    }
}
