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

    /// Creates a script from its parts; nothing is checked. Use ``parse(_:)`` for files.
    public init(
        header: String,
        isTransactional: Bool,
        up: [SQLStatement],
        down: [SQLStatement]?,
        upSpan: SourceSpan?,
        downSpan: SourceSpan?,
        diagnostics: [SQLDiagnostic]
    ) {
        self.header = header
        self.isTransactional = isTransactional
        self.up = up
        self.down = down
        self.upSpan = upSpan
        self.downSpan = downSpan
        self.diagnostics = diagnostics
    }

    /// Whether validation found nothing wrong.
    public var isValid: Bool { diagnostics.isEmpty }

    /// Parses and validates a migration file's text.
    ///
    /// Never traps, for any input. A statement cannot span a directive: the up part ends at
    /// `-- strata:down` even inside an unfinished statement (which is then reported as a
    /// misplaced directive).
    public static func parse(_ text: String) -> MigrationScript {
        MigrationScriptParser(source: LexedText(text)).parse()
    }
}
