/// A check constraint's definition: `CHECK (expression)`, with ` NOT VALID` when it was
/// not validated. Also the definition of a domain's check.
struct CheckDefinition: Equatable {
    /// The text between `CHECK (` and the matching `)`.
    var expression: String
    var notValid: Bool

    init(parsing definition: String) throws(ImportGap) {
        let text = DefinitionText(definition)
        guard let tokens = text.tokens, text.hasWords(["CHECK"], at: 0), tokens.count >= 2, tokens[1].kind == .group else {
            throw ImportGap("unexpected check definition \(definition)")
        }
        expression = tokens[1].inner
        notValid = false
        var index = 2
        while index < tokens.count {
            if text.hasWords(["NOT", "VALID"], at: index) {
                notValid = true
                index += 2
            } else if text.hasWords(["NO", "INHERIT"], at: index) {
                throw ImportGap("a NO INHERIT check is not in the model format")
            } else {
                throw ImportGap("\(text.text(fromToken: index)) is not in the model format")
            }
        }
    }
}
