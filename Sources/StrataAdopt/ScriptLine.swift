/// One line of a Strata file being made, and the source line it was copied from.
///
/// Keeping the origin of every copied line lets a problem that Strata's parser finds in
/// the new file be reported at the place in the source file where it comes from.
struct ScriptLine: Sendable, Hashable {
    /// Where a copied line came from.
    struct Origin: Sendable, Hashable {
        /// The source file, relative to the source folder.
        var file: String
        /// Its 1-based line number there.
        var line: Int
        /// How many characters were put before the copied text (a `-- ` that comments
        /// it out), to subtract from columns.
        var columnShift: Int = 0
    }

    var text: String
    /// Nil for a line the conversion wrote itself.
    var origin: Origin?

    /// A line the conversion writes itself.
    static func generated(_ text: String) -> ScriptLine {
        ScriptLine(text: text, origin: nil)
    }

    /// The lines of a source file with their origins: split at every line break Strata's
    /// lexer counts (`\n`, `\r\n`, a lone `\r`), a byte order mark at the start dropped;
    /// a final line break ends the last line rather than starting an empty one.
    static func lines(of file: SourceFile) -> [ScriptLine] {
        guard let text = file.text, !text.isEmpty else { return [] }
        var pieces = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map(String.init)
        if pieces.last == "" { pieces.removeLast() }
        return pieces.enumerated().map { index, piece in
            var line = piece
            if index == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            return ScriptLine(text: line, origin: Origin(file: file.path, line: index + 1))
        }
    }

    /// The same line commented out with `-- `.
    var commentedOut: ScriptLine {
        var copy = self
        copy.text = "-- " + text
        copy.origin?.columnShift += 3
        return copy
    }
}

extension [ScriptLine] {
    /// The lines joined with `\n`.
    var joinedText: String { map(\.text).joined(separator: "\n") }
}
