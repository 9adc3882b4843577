/// Expands `${NAME}` and `${NAME:-default}` in configuration values.
enum VariableExpansion {
    /// - Throws: ``ConfigurationError`` naming the first unset variable (without a
    ///   default) or an unterminated `${`.
    static func expand(
        _ text: String, environment: [String: String], setting: String, file: String?, line: Int?, column: Int?
    ) throws -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            guard afterDollar.hasPrefix("{") else {
                out += "$"
                rest = afterDollar
                continue
            }
            guard let close = afterDollar.firstIndex(of: "}") else {
                throw ConfigurationError(
                    "unterminated ${ in \(setting)", hint: "write ${NAME}", file: file, line: line, column: column
                )
            }
            let inside = afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close]
            var name = inside
            var fallback: Substring?
            if let separator = inside.range(of: ":-") {
                name = inside[..<separator.lowerBound]
                fallback = inside[separator.upperBound...]
            }
            if let value = environment[String(name)], !value.isEmpty {
                out += value
            } else if let fallback {
                out += fallback
            } else {
                throw ConfigurationError(
                    "\(setting) uses ${\(name)}, but the environment variable \(name) is not set",
                    hint: "export \(name)=…, or give a default with ${\(name):-value}",
                    file: file, line: line, column: column
                )
            }
            rest = afterDollar[afterDollar.index(after: close)...]
        }
        out += rest
        return out
    }
}
