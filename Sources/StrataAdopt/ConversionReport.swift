/// What a format converter found besides its drafts: files it passed over and problems.
struct ConversionReport: Sendable {
    var skipped: [SkippedFile] = []
    var unconverted: [SkippedFile] = []
    var problems: [AdoptionProblem] = []

    mutating func skip(_ file: SourceFile, _ reason: String) {
        skipped.append(SkippedFile(file: file.path, reason: reason))
    }

    mutating func leaveUnconverted(_ file: SourceFile, _ reason: String) {
        unconverted.append(SkippedFile(file: file.path, reason: reason))
    }

    mutating func problem(
        _ code: AdoptionProblem.Code, _ message: String, hint: String? = nil, file: String, line: Int? = nil, column: Int? = nil
    ) {
        problems.append(AdoptionProblem(code: code, message: message, hint: hint, file: file, line: line, column: column))
    }

    /// A problem at a copied line (or at the start of `file` when the line is generated).
    mutating func problem(_ code: AdoptionProblem.Code, _ message: String, hint: String? = nil, at line: ScriptLine, column: Int = 1, file: String) {
        problem(
            code, message, hint: hint, file: line.origin?.file ?? file, line: line.origin?.line ?? 1,
            column: max(column - (line.origin?.columnShift ?? 0), 1)
        )
    }

    /// Reports a file that is not valid UTF-8; true when it was.
    mutating func reportUnreadable(_ file: SourceFile) -> Bool {
        guard file.text == nil else { return false }
        problem(.unreadable, "\(file.path) is not valid UTF-8", hint: "save it as UTF-8 and adopt again", file: file.path, line: 1, column: 1)
        return true
    }
}
