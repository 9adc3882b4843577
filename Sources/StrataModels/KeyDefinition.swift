import StrataSchema

/// A primary key or unique constraint's definition: `PRIMARY KEY (a, b)`,
/// `UNIQUE NULLS NOT DISTINCT (a)`.
struct KeyDefinition: Equatable {
    var columns: [String]
    var nullsNotDistinct: Bool
    var deferrable: Bool
    var initiallyDeferred: Bool

    init(parsing constraint: Constraint) throws(ImportGap) {
        let text = DefinitionText(constraint.definition)
        guard let tokens = text.tokens else { throw ImportGap("unexpected definition \(constraint.definition)") }
        var index: Int
        if text.hasWords(["PRIMARY", "KEY"], at: 0) {
            index = 2
        } else if text.hasWords(["UNIQUE"], at: 0) {
            index = 1
        } else {
            throw ImportGap("unexpected definition \(constraint.definition)")
        }
        nullsNotDistinct = text.hasWords(["NULLS", "NOT", "DISTINCT"], at: index)
        if nullsNotDistinct { index += 3 }
        guard index < tokens.count, tokens[index].kind == .group else { throw ImportGap("unexpected definition \(constraint.definition)") }
        let group = tokens[index].inner
        if DefinitionText(group).firstWord("WITHOUT") != nil {
            throw ImportGap("WITHOUT OVERLAPS is not in the model format")
        }
        deferrable = constraint.isDeferrable
        initiallyDeferred = constraint.isInitiallyDeferred
        var end = tokens.count
        if text.hasWords(["DEFERRABLE", "INITIALLY", "DEFERRED"], at: end - 3) {
            end -= 3
        } else if text.hasWords(["DEFERRABLE"], at: end - 1) {
            end -= 1
        }
        if index + 1 < end {
            throw ImportGap("\(text.text(fromToken: index + 1)) is not in the model format")
        }
        columns = constraint.columns.isEmpty ? try IndexDefinition.names(group, in: constraint.definition) : constraint.columns
    }
}
