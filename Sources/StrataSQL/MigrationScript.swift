/// A migration file split into its parts: a header, an up part, and an optional down part
/// (DESIGN §3).
///
/// ```sql
/// -- Adds the users table.
/// -- strata:up
/// CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
///
/// -- strata:down
/// DROP TABLE users;
/// ```
///
/// ``parse(_:)`` never fails: every problem is a diagnostic, and a script with diagnostics must
/// not be run. All positions, in statements and diagnostics alike, are in the whole file.
public struct MigrationScript: Sendable, Hashable, Codable {
    /// The text before the `-- strata:up` line (a comment that never runs); empty when the file
    /// has no `-- strata:up`.
    public var header: String
    /// `false` when `-- strata:no-transaction` appears before `-- strata:up` (or, in a file
    /// without `-- strata:up`, before any statement).
    public var isTransactional: Bool
    /// The statements `strata up` runs, in order. Without any directive, the whole file is the up
    /// part.
    public var up: [SQLStatement]
    /// The statements `strata down` runs: `nil` when the file has no `-- strata:down`, `[]` when
    /// the section is there but empty.
    public var down: [SQLStatement]?
    /// The up part: from the line after `-- strata:up` (or the start of the file) to the start of
    /// the `-- strata:down` line (or the end of the file). `nil` when there is no up part.
    public var upSpan: SourceSpan?
    /// The down part: from the line after `-- strata:down` to the end of the file; `nil` when
    /// there is no `-- strata:down`.
    public var downSpan: SourceSpan?
    /// Lexical errors and validation problems, in order of position. Empty means the script may
    /// run.
    ///
    /// Validation reports psql meta-commands (``SQLDiagnostic/Code/metaCommand``), `COPY … FROM
    /// STDIN` (``SQLDiagnostic/Code/copyFromStdin``), and in a transactional file also transaction
    /// control (``SQLDiagnostic/Code/transactionControl``) and statements that cannot run in a
    /// transaction block (``SQLDiagnostic/Code/notAllowedInTransaction``); and every misused
    /// directive (unknown, misplaced, duplicate, `down` without `up`) and SQL in the header.
    public var diagnostics: [SQLDiagnostic]
    /// Whether `standard_conforming_strings` is on after the up part's statements, as the lexer
    /// followed them (see ``Lexer``). The up part starts with it on; when a `SET` in the part
    /// leaves it off, whoever runs the part sets it on again afterwards, so that what comes next
    /// on the same session is read as Strata lexed it.
    public var standardConformingStringsAfterUp: Bool
    /// The same for the down part, which starts with the setting on whatever the up part did:
    /// the two parts never run one after the other on a session.
    public var standardConformingStringsAfterDown: Bool
    /// The `-- strata:lint-ignore…` comments of the file, in order (see ``LintIgnoreComment``).
    public var lintIgnores: [LintIgnoreComment]

    /// Creates a script from its parts; nothing is checked. Use ``parse(_:)`` for files.
    public init(
        header: String,
        isTransactional: Bool,
        up: [SQLStatement],
        down: [SQLStatement]?,
        upSpan: SourceSpan?,
        downSpan: SourceSpan?,
        diagnostics: [SQLDiagnostic],
        standardConformingStringsAfterUp: Bool = true,
        standardConformingStringsAfterDown: Bool = true,
        lintIgnores: [LintIgnoreComment] = []
    ) {
        self.header = header
        self.isTransactional = isTransactional
        self.up = up
        self.down = down
        self.upSpan = upSpan
        self.downSpan = downSpan
        self.diagnostics = diagnostics
        self.standardConformingStringsAfterUp = standardConformingStringsAfterUp
        self.standardConformingStringsAfterDown = standardConformingStringsAfterDown
        self.lintIgnores = lintIgnores
    }

    /// Whether validation found nothing wrong.
    public var isValid: Bool { diagnostics.isEmpty }

    /// Parses and validates a migration file's text.
    ///
    /// Never traps, for any input. A statement cannot span a directive: the up part ends at
    /// `-- strata:down` even inside an unfinished statement (which is then reported as a
    /// misplaced directive).
    ///
    /// Each part is lexed as it runs: from `standard_conforming_strings` on, following the
    /// statements in it that change the setting. The down part starts over with the setting on,
    /// so when the up part turned it off, the text is lexed again from `-- strata:down`.
    public static func parse(_ text: String) -> MigrationScript {
        parseWithTokens(text).script
    }

    /// Parses like ``parse(_:)`` and also returns the tokens the up part was lexed into (the
    /// whole file's tokens as the up part reads them), for analyses such as the linter that look
    /// inside statements: the tokens of a statement are those within its ``SQLStatement/span``.
    public static func parseWithTokens(_ text: String) -> (script: MigrationScript, tokens: [Token], bytes: [UInt8]) {
        let lexed = LexedText(text)
        let first = MigrationScriptParser(source: lexed).parse()
        guard let downOffset = first.downDirectiveOffset, !lexed.standardConformingStrings(at: downOffset) else {
            return (first.script, lexed.tokens, lexed.bytes)
        }
        var script = MigrationScriptParser(source: LexedText(text, restartingAt: downOffset)).parse().script
        script.standardConformingStringsAfterUp = false
        return (script, lexed.tokens, lexed.bytes)
    }
}
