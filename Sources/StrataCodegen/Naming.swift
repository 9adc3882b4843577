/// Swift names for SQL names.
public enum Naming {
    /// `user_id` → `userId`, `OrdersByUser` → `ordersByUser`; a Swift keyword is escaped
    /// with backticks, and a name starting with a digit gets `_`.
    public static func lowerCamel(_ name: String) -> String {
        let words = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let first = words.first else { return "_" }
        var result = lowerFirst(first)
        for word in words.dropFirst() { result += upperFirst(word) }
        return escaped(result)
    }

    /// `order_status` → `OrderStatus`.
    public static func upperCamel(_ name: String) -> String {
        let words = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let result = words.map(upperFirst).joined()
        guard let first = result.first else { return "_" }
        return first.isNumber ? "_" + result : result
    }

    /// An enum label as a case name: `so-so` → `soSo`.
    public static func caseName(_ label: String) -> String {
        lowerCamel(label)
    }

    private static func lowerFirst(_ word: String) -> String {
        // An all-capitals word (`ID`, `URL`) is lowered whole.
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }

    private static func upperFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    private static func escaped(_ name: String) -> String {
        if let first = name.first, first.isNumber { return "_" + name }
        return keywords.contains(name) ? "`\(name)`" : name
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "Any", "catch", "false", "is",
        "nil", "super", "self", "Self", "throw", "throws", "true", "try", "Type", "await", "async",
    ]
}
