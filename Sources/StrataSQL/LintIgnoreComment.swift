/// A `-- strata:lint-ignore CODE[, CODE] reason` or `-- strata:lint-ignore-file CODE[, CODE]
/// reason` comment in a migration file: the linter's findings with these codes are not reported
/// for the next statement, or for the whole file.
///
/// The migration parser reads these comments (so they are not unknown directives) and keeps
/// them; they change nothing about how the file runs.
public struct LintIgnoreComment: Sendable, Hashable, Codable {
    /// How far an ignore reaches.
    public enum Scope: String, Sendable, Hashable, Codable {
        /// The first statement that starts after the comment.
        case nextStatement = "next-statement"
        /// Every statement of the file.
        case file
    }

    /// The rule codes as written, lower-cased, e.g. `["index-not-concurrent"]`.
    public var codes: [String]
    /// The text after the codes (why the finding does not apply); empty when none was given.
    public var reason: String
    public var scope: Scope
    /// Where the comment starts.
    public var position: SourcePosition

    public init(codes: [String], reason: String, scope: Scope, position: SourcePosition) {
        self.codes = codes
        self.reason = reason
        self.scope = scope
        self.position = position
    }

    /// Reads the text after `strata:` (e.g. `lint-ignore index-not-concurrent, drop-table the
    /// table is empty`); nil when it is not a lint-ignore comment.
    static func parse(_ body: String, at position: SourcePosition) -> LintIgnoreComment? {
        let lowered = body.lowercased()
        let scope: Scope
        let rest: Substring
        if lowered.hasPrefix("lint-ignore-file") {
            scope = .file
            rest = body.dropFirst("lint-ignore-file".count)
        } else if lowered.hasPrefix("lint-ignore") {
            scope = .nextStatement
            rest = body.dropFirst("lint-ignore".count)
        } else {
            return nil
        }
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        // Codes are words of letters, digits and dashes, separated by commas (and blanks after a comma).
        var codes: [String] = []
        var remainder = rest.drop { $0 == " " || $0 == "\t" }
        while true {
            let code = remainder.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            guard !code.isEmpty else { break }
            codes.append(code.lowercased())
            remainder = remainder.dropFirst(code.count)
            let afterBlanks = remainder.drop { $0 == " " || $0 == "\t" }
            guard afterBlanks.first == "," else {
                remainder = afterBlanks
                break
            }
            remainder = afterBlanks.dropFirst().drop { $0 == " " || $0 == "\t" }
        }
        let reason = remainder.trimmingBlanks()
        return LintIgnoreComment(codes: codes, reason: String(reason), scope: scope, position: position)
    }
}

extension Substring {
    fileprivate func trimmingBlanks() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return slice
    }
}
