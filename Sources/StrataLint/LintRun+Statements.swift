/// Rules that read any statement: identifiers, idempotence, use of new enum values.
extension LintRun {
    /// PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and drops the rest.
    static let maximumIdentifierLength = 63

    mutating func checkIdentifiers(_ words: ArraySlice<Word>, context: StatementContext) {
        var reported: Set<String> = []
        for word in words where word.isName && word.name.utf8.count > Self.maximumIdentifierLength && reported.insert(word.name).inserted {
            let kept = String(decoding: word.name.utf8.prefix(Self.maximumIdentifierLength), as: UTF8.self)
            report(
                .identifierTooLong, context,
                "\(word.name) is \(word.name.utf8.count) bytes long; PostgreSQL truncates it to \(kept)",
                hint: "use a name of at most 63 bytes, so that the catalog and the migrations name the object the same way",
                at: word.position
            )
        }
    }

    mutating func checkIdempotence(_ statement: ArraySlice<Word>, context: StatementContext) {
        guard configuration.severity(of: .notIdempotent) != .off, statement.first?.keyword == "CREATE" else { return }
        let words = statement.prefix(8).map(\.keyword)
        let kinds: [(keywords: [String], fix: String)] = [
            (["TABLE"], "CREATE TABLE IF NOT EXISTS"), (["INDEX"], "CREATE INDEX IF NOT EXISTS"),
            (["UNIQUE", "INDEX"], "CREATE UNIQUE INDEX IF NOT EXISTS"), (["SCHEMA"], "CREATE SCHEMA IF NOT EXISTS"),
            (["SEQUENCE"], "CREATE SEQUENCE IF NOT EXISTS"), (["EXTENSION"], "CREATE EXTENSION IF NOT EXISTS"),
            (["VIEW"], "CREATE OR REPLACE VIEW"), (["FUNCTION"], "CREATE OR REPLACE FUNCTION"),
            (["PROCEDURE"], "CREATE OR REPLACE PROCEDURE"), (["TRIGGER"], "CREATE OR REPLACE TRIGGER (PostgreSQL ≥ 14)"),
            (["MATERIALIZED", "VIEW"], "CREATE MATERIALIZED VIEW IF NOT EXISTS"),
        ]
        let rest = Array(words.dropFirst())
        guard !rest.starts(with: ["OR", "REPLACE"]) else { return }
        for kind in kinds where rest.starts(with: kind.keywords) {
            var after = rest.dropFirst(kind.keywords.count)
            if after.first == "CONCURRENTLY" { after = after.dropFirst() }
            guard !after.starts(with: ["IF", "NOT", "EXISTS"]) else { return }
            report(
                .notIdempotent, context,
                "CREATE \(kind.keywords.joined(separator: " ")) fails when the file runs a second time",
                hint: "write \(kind.fix) …"
            )
            return
        }
    }

    /// A value added by `ALTER TYPE … ADD VALUE` cannot be used before the transaction that
    /// added it commits ("unsafe use of new value").
    mutating func checkEnumValueUse(_ words: ArraySlice<Word>, context: StatementContext) {
        guard let added = transaction?.addedEnumValues, !added.isEmpty else { return }
        if let first = words.first, first.keyword == "ALTER", words.dropFirst().first?.keyword == "TYPE" { return }
        let names = Set(words.filter(\.isName).map(\.name))
        for (type, value) in added {
            guard let literal = words.first(where: { $0.kind == .string && $0.name == value }) else { continue }
            let tables = catalog.tables(usingType: type)
            guard names.contains(type.name) || tables.contains(where: { names.contains($0.name) }) else { continue }
            report(
                .enumValueSameTransaction, context,
                "'\(value)' was added to \(type) in this transaction; PostgreSQL refuses to use it before that transaction commits (unsafe use of new value)",
                hint: "add the value in a migration of its own (or a -- strata:no-transaction one); with transaction: batch, run `strata up` for it separately, or use transaction: each",
                at: literal.position
            )
            return
        }
    }
}
