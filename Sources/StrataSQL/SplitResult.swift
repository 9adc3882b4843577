/// The statements of a text, and a lossless segmentation of it.
public struct SplitResult: Sendable, Hashable {
    /// The non-empty statements, in order.
    public var statements: [SQLStatement]
    /// Byte ranges that cover the whole input in order, without gaps or overlaps: joining the
    /// text of every piece reproduces the input byte for byte.
    ///
    /// Every statement's ``SQLStatement/span`` is exactly one piece; the text between two
    /// statements (whitespace, comments, `;`, empty statements) forms one piece, as do the text
    /// before the first statement and after the last. Empty input has no pieces.
    public var pieces: [Range<Int>]
    /// Lexical problems (unterminated strings, comments, …), in order of position.
    public var diagnostics: [SQLDiagnostic]
    /// Where statements of the text changed `standard_conforming_strings` (see ``Lexer``).
    public var stringSyntaxChanges: [StringSyntaxChange]

    /// Creates a result; nothing is checked.
    public init(
        statements: [SQLStatement], pieces: [Range<Int>], diagnostics: [SQLDiagnostic],
        stringSyntaxChanges: [StringSyntaxChange] = []
    ) {
        self.statements = statements
        self.pieces = pieces
        self.diagnostics = diagnostics
        self.stringSyntaxChanges = stringSyntaxChanges
    }

    /// Whether `standard_conforming_strings` is on after the last statement: when it is not,
    /// whoever runs the statements should set it on again before running other text on the
    /// same session, which Strata lexes from the default.
    public var standardConformingStringsAtEnd: Bool {
        stringSyntaxChanges.last?.standardConformingStrings ?? true
    }
}
