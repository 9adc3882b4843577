/// How constraints and indexes without a `name` are named: templates with `{table}`,
/// `{columns}` (joined by `_`), `{column}` (the first), `{ref_table}` and `{ref_column}`.
public struct NamingConventions: Sendable, Hashable {
    public var primaryKey: String
    public var index: String
    public var unique: String
    public var foreignKey: String
    public var check: String

    public init(
        primaryKey: String = "{table}_pkey", index: String = "{table}_{columns}_idx", unique: String = "{table}_{columns}_key",
        foreignKey: String = "{table}_{column}_{ref_table}_{ref_column}_fk", check: String = "{table}_{column}_check"
    ) {
        self.primaryKey = primaryKey
        self.index = index
        self.unique = unique
        self.foreignKey = foreignKey
        self.check = check
    }

    public static let `default` = NamingConventions()

    /// The placeholders a template may use.
    public static let placeholders = ["table", "columns", "column", "ref_table", "ref_column"]

    /// Fills `template`, then shortens the result to PostgreSQL's 63 bytes.
    public static func name(
        _ template: String, table: String, columns: [String], refTable: String = "", refColumns: [String] = []
    ) -> String {
        let words = columns.map(Self.word)
        let values = [
            "table": table, "columns": words.joined(separator: "_"), "column": words.first ?? "",
            "ref_table": refTable, "ref_column": refColumns.map(Self.word).joined(separator: "_"),
        ]
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            result += values[key] ?? "{\(key)}"
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return shortened(result)
    }

    /// A column or expression as a name part: `lower(email)` → `lower_email`,
    /// `created_at DESC` → `created_at`.
    static func word(_ key: String) -> String {
        var text = key
        for suffix in [" NULLS FIRST", " NULLS LAST", " DESC", " ASC"] where text.uppercased().hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
        }
        var result = ""
        var pendingSeparator = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar.value > 127 {
                if pendingSeparator && !result.isEmpty { result += "_" }
                pendingSeparator = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        return result.isEmpty ? "expr" : result
    }

    /// PostgreSQL's identifier limit in bytes (`NAMEDATALEN - 1`).
    public static let maximumLength = 63

    /// `name` when it fits in 63 bytes; otherwise its first bytes (cut at a character
    /// boundary), `_`, and 8 hex digits of the SHA-256 of the whole name, so that two long
    /// names that share a prefix stay distinct.
    public static func shortened(_ name: String) -> String {
        guard name.utf8.count > maximumLength else { return name }
        let digest = ModelCompiler.sha256Hex(name).prefix(8)
        var prefix = ""
        var bytes = 0
        for character in name {
            let size = character.utf8.count
            if bytes + size > maximumLength - 9 { break }
            prefix.append(character)
            bytes += size
        }
        while prefix.hasSuffix("_") { prefix.removeLast() }
        return prefix + "_" + digest
    }
}
