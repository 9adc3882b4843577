extension ConnectionSettings {
    /// libpq's `options` parameter: run-time settings for the session, written as server
    /// command-line options separated by spaces: `-c name=value`, `-cname=value` or
    /// `--name=value` (a `-` in a name reads as `_`); a backslash keeps the next character
    /// (a space in a value). They become ``startupParameters``.
    ///
    /// - Throws: ``DatabaseError`` (`invalidSettings`) for anything else, rather than
    ///   ignoring it.
    static func parseOptions(_ text: String) throws -> [String: String] {
        var words: [String] = []
        var word = ""
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == " " || character == "\t" {
                if !word.isEmpty { words.append(word); word = "" }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        var parameters: [String: String] = [:]
        var index = 0
        while index < words.count {
            var setting: Substring
            if words[index] == "-c", index + 1 < words.count {
                setting = Substring(words[index + 1])
                index += 2
            } else if words[index].hasPrefix("--") {
                setting = words[index].dropFirst(2)
                index += 1
            } else if words[index].hasPrefix("-c") {
                setting = words[index].dropFirst(2)
                index += 1
            } else {
                throw DatabaseError(
                    .invalidSettings, "options: \"\(words[index])\" is not a setting",
                    hint: "write settings as -c name=value, e.g. options=-csearch_path%3Dtenant_a"
                )
            }
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw DatabaseError(.invalidSettings, "options: \"\(setting)\" needs name=value", hint: "e.g. -c search_path=tenant_a")
            }
            let name = setting[..<equals].replacingOccurrences(of: "-", with: "_")
            parameters[name] = String(setting[setting.index(after: equals)...])
        }
        return parameters
    }

    /// ``startupParameters`` as an `options` value (`-c name=value …`, spaces and
    /// backslashes escaped), sorted by name.
    var optionsText: String {
        startupParameters.sorted { $0.key < $1.key }.map { name, value in
            "-c " + name + "=" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: " ", with: "\\ ")
        }.joined(separator: " ")
    }
}
