import StrataSchema

/// The names PostgreSQL gives a partition's copies of its parent's keys, foreign keys and
/// indexes when it creates them itself (with the partition, with the parent's index, or
/// when the partition is attached without an equivalent of its own).
///
/// PostgreSQL's rule (`ChooseIndexName`, `ChooseRelationName`, `makeObjectName`): the
/// partition's name, the index columns' names — key columns, then `INCLUDE` columns —
/// joined by `_` (`expr` for an expression; not for a primary key), and a label — `pkey`, `key` (unique), `excl`, `idx` — each part
/// shortened so that the whole fits 63 bytes; when the name is taken in the schema, the
/// label gets a number: `idx1`, `idx2`, …. A foreign key's copy takes the parent's name,
/// a check's copy always does.
struct PartitionCopyName {
    /// The partition's name.
    var partition: String
    /// The middle part (the columns), or nil (a primary key).
    var columns: String?
    /// `pkey`, `key`, `excl` or `idx`.
    var label: String

    /// The rule for a copy of `constraint` (a key or exclusion) on `partition`; nil for
    /// foreign keys and checks, which keep their parent's name.
    init?(constraint: Constraint, partition: String) {
        switch constraint.kind {
        case .primaryKey: self.init(partition: partition, columns: nil, label: "pkey")
        case .unique:
            self.init(partition: partition, columns: Self.addition(constraint.columns + constraint.includedColumns), label: "key")
        case .exclusion:
            self.init(partition: partition, columns: Self.addition(constraint.columns + constraint.includedColumns), label: "excl")
        case .foreignKey, .check: return nil
        }
    }

    /// The rule for a copy of `index` on `partition`.
    init(index: Index, partition: String) {
        self.init(partition: partition, columns: Self.addition(index.columns.map { $0 ?? "expr" } + index.includedColumns), label: "idx")
    }

    init(partition: String, columns: String?, label: String) {
        self.partition = partition
        self.columns = columns
        self.label = label
    }

    /// The name at `pass` (0 is the plain label, then `label1`, `label2`, …).
    func name(pass: Int) -> String {
        Self.objectName(partition, columns, pass == 0 ? label : label + String(pass))
    }

    /// Whether `name` is one PostgreSQL could have chosen by this rule.
    func matches(_ name: String) -> Bool {
        (0..<100).contains { self.name(pass: $0) == name }
    }

    /// The name PostgreSQL chooses when `isTaken` tells which names are in use.
    func chosen(isTaken: (String) -> Bool) -> String {
        var pass = 0
        while isTaken(name(pass: pass)), pass < 10_000 { pass += 1 }
        return name(pass: pass)
    }

    /// The column names joined by `_`, duplicates numbered (`a`, `a1`), stopping once the
    /// text reaches 64 bytes, as `ChooseIndexColumnNames` and `ChooseIndexNameAddition` do.
    static func addition(_ columns: [String]) -> String {
        var names: [String] = []
        for column in columns {
            var candidate = column
            var number = 1
            while names.contains(candidate) {
                let suffix = String(number)
                candidate = clipped(column, toBytes: 63 - suffix.utf8.count) + suffix
                number += 1
            }
            names.append(candidate)
        }
        var result = ""
        for name in names {
            if !result.isEmpty { result += "_" }
            result += clipped(name, toBytes: 63)
            if result.utf8.count >= 64 { break }
        }
        return result
    }

    /// `name1_name2_label` with the longer of `name1` and `name2` shortened, byte by
    /// byte, until the whole fits 63 bytes (`makeObjectName`).
    static func objectName(_ first: String, _ second: String?, _ label: String) -> String {
        let overhead = (second == nil ? 0 : 1) + label.utf8.count + 1
        let available = 63 - overhead
        var firstBytes = first.utf8.count
        var secondBytes = second?.utf8.count ?? 0
        while firstBytes + secondBytes > available {
            if firstBytes > secondBytes { firstBytes -= 1 } else { secondBytes -= 1 }
        }
        var result = clipped(first, toBytes: firstBytes)
        if let second { result += "_" + clipped(second, toBytes: secondBytes) }
        return result + "_" + label
    }

    /// The longest prefix of `text` of at most `limit` bytes that ends on a character boundary.
    static func clipped(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text.unicodeScalars {
            let size = String(character).utf8.count
            if used + size > limit { break }
            result.unicodeScalars.append(character)
            used += size
        }
        return result
    }
}
