import StrataPostgres
import StrataSQL

/// One migration: a version, a name, and what it does up and (optionally) down.
///
/// Migrations come from SQL files in a directory (``MigrationDirectory``) or from Swift
/// code (``Migration/init(version:name:isTransactional:up:down:)``); both kinds can be
/// mixed in one ``Migrator`` and are ordered by version.
public struct Migration: Sendable {
    /// Work written in Swift: gets the migration's session (inside the migration's
    /// transaction unless the migration is not transactional).
    public typealias Body = @Sendable (any DatabaseSession) async throws -> Void

    enum Kind: Sendable {
        case file(path: String, text: String)
        case code(isTransactional: Bool, up: Body, down: Body?)
    }

    /// The version; for a script (``role`` other than `versioned`) a placeholder, `0`,
    /// that nothing shows or records: scripts are named by ``name``.
    public let version: MigrationVersion
    /// The name after the version; for a script, its path inside its folder (a
    /// repeatable's `views/active_users.sql`) or as configured (`db/schema_pre.sql`).
    public let name: String
    /// Hex SHA-256 of the file (DESIGN §3), or a hash of version and name for code.
    public let checksum: String
    /// A versioned migration, or one of the scripts around them.
    public let role: Role
    let kind: Kind

    /// A migration from a SQL file's text. `path` is shown in messages.
    public init(version: MigrationVersion, name: String, path: String, text: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.role = .versioned
        self.kind = .file(path: path, text: text)
    }

    /// A script that runs around the versioned migrations (``MigrationScripts``).
    /// `name` identifies it: a repeatable script's history row is keyed on it.
    public init(script role: Role, name: String, path: String, text: String, checksum: String) {
        precondition(role != .versioned, "a versioned migration has a version")
        self.version = MigrationVersion("0")!
        self.name = name
        self.checksum = checksum
        self.role = role
        self.kind = .file(path: path, text: text)
    }

    /// A migration written in Swift.
    ///
    /// - Parameters:
    ///   - isTransactional: run inside a transaction (the default); pass false for work
    ///     that cannot run in a transaction block, such as `CREATE INDEX CONCURRENTLY`.
    ///   - up: applies the migration.
    ///   - down: reverts it; without it the migration cannot be rolled back.
    public init(
        version: MigrationVersion, name: String, isTransactional: Bool = true,
        up: @escaping Body, down: Body? = nil
    ) {
        self.version = version
        self.name = name
        self.checksum = Checksum.ofCode(version: version, name: name)
        self.role = .versioned
        self.kind = .code(isTransactional: isTransactional, up: up, down: down)
    }

    /// The file this migration was read from, or nil for a Swift migration.
    public var path: String? {
        if case .file(let path, _) = kind { return path }
        return nil
    }

    /// The SQL file's text, or nil for a Swift migration.
    public var text: String? {
        if case .file(_, let text) = kind { return text }
        return nil
    }

    /// `<version>_<name>`, or the file path: how messages refer to this migration.
    public var displayName: String { path ?? "\(version.text)_\(name) (Swift)" }

    /// How lists of what ran name it: the version, or a script's file.
    public var label: String { role == .versioned ? version.text : (path ?? name) }
}

/// What running one direction of a migration consists of, after parsing.
struct MigrationSteps: Sendable {
    enum Step: Sendable {
        case statement(SQLStatement)
        case code(Migration.Body)
    }

    let isTransactional: Bool
    let steps: [Step]
    /// Whether the steps leave `standard_conforming_strings` off, so the executor sets it on
    /// again after them: every file is lexed from the default, whatever ran before it on the
    /// session.
    let restoresStandardConformingStrings: Bool
    /// Whether the steps may set what `COMMIT AND CHAIN` carries into the next transaction
    /// (isolation level, read only, deferrable) or the defaults a new `BEGIN` takes: Swift
    /// code, or a statement naming those settings. Such a migration ends with a plain
    /// `COMMIT`, so the next one starts as it would alone.
    let mayChangeTransactionCharacteristics: Bool
    /// Whether the steps may deallocate the session's prepared statements: Swift code, or a
    /// statement that mentions `DEALLOCATE` or `DISCARD` anywhere (a `DO` block can run
    /// either through `EXECUTE`).
    let mayDeallocatePreparedStatements: Bool

    /// Steps, with what they may change on the session worked out once here (when the
    /// migrations are parsed, in parallel) rather than between two statements of a run.
    init(isTransactional: Bool, steps: [Step], restoresStandardConformingStrings: Bool = false) {
        self.isTransactional = isTransactional
        self.steps = steps
        self.restoresStandardConformingStrings = restoresStandardConformingStrings
        var characteristics = false
        var deallocates = false
        for step in steps {
            guard case .statement(let statement) = step else {
                characteristics = true
                deallocates = true
                break
            }
            characteristics = characteristics || statement.leadingKeywords.prefix(2) == ["SET", "TRANSACTION"]
                || Self.namesTransactionCharacteristics(statement.text)
            deallocates = deallocates || Self.mentions(statement.text, anyOf: Self.deallocatingWords)
        }
        self.mayChangeTransactionCharacteristics = characteristics
        self.mayDeallocatePreparedStatements = deallocates
    }

    /// The statements, when every step is one (no Swift code).
    var plainStatements: [SQLStatement]? {
        var statements: [SQLStatement] = []
        statements.reserveCapacity(steps.count)
        for step in steps {
            guard case .statement(let statement) = step else { return nil }
            statements.append(statement)
        }
        return statements
    }

    /// The setting names that carry over into a chained transaction or set a new
    /// transaction's defaults, lower-case ASCII.
    private static let characteristicNames: [[UInt8]] = [
        "transaction_isolation", "transaction_read_only", "transaction_deferrable", "characteristics",
    ].map { Array($0.utf8) }

    /// The commands that deallocate prepared statements, lower-case ASCII.
    private static let deallocatingWords: [[UInt8]] = ["deallocate", "discard"].map { Array($0.utf8) }

    /// Whether `text` contains one of ``characteristicNames`` in any ASCII case.
    static func namesTransactionCharacteristics(_ text: String) -> Bool {
        mentions(text, anyOf: characteristicNames)
    }

    /// Whether `text` contains one of `words` (lower-case ASCII) in any ASCII case, even
    /// inside a longer word: a byte scan of every statement when the steps are built.
    static func mentions(_ text: String, anyOf words: [[UInt8]]) -> Bool {
        guard let shortest = words.map(\.count).min(), shortest > 0 else { return false }
        // The words' first letters in either case, so that most bytes are passed over with one test.
        var isFirst = [Bool](repeating: false, count: 256)
        for word in words {
            isFirst[Int(word[0])] = true
            isFirst[Int(word[0].asciiUppercased)] = true
        }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= shortest else { return false }
            for start in 0...(bytes.count - shortest) {
                let byte = bytes[start]
                guard isFirst[Int(byte)] else { continue }
                let first = byte.asciiLowercased
                for word in words where word[0] == first && start + word.count <= bytes.count {
                    var matches = true
                    for offset in 1..<word.count where bytes[start + offset].asciiLowercased != word[offset] {
                        matches = false
                        break
                    }
                    if matches { return true }
                }
            }
            return false
        }
    }
}

/// Which way a migration runs.
public enum MigrationDirection: String, Sendable, Codable {
    case up, down
}

extension Migration {
    /// Parses the migration and returns its steps in `direction`, or the problems that
    /// keep it from running. A missing down part is a problem only for `.down`. With
    /// `parses`, the file's parse is kept there for the linter of the same run.
    func steps(_ direction: MigrationDirection, parses: ScriptParseCache? = nil) -> Result<MigrationSteps, MigrationProblems> {
        switch kind {
        case .code(let isTransactional, let up, let down):
            switch direction {
            case .up:
                return .success(MigrationSteps(isTransactional: isTransactional, steps: [.code(up)]))
            case .down:
                guard let down else {
                    return .failure(MigrationProblems([.noDown(self)]))
                }
                return .success(MigrationSteps(isTransactional: isTransactional, steps: [.code(down)]))
            }
        case .file(let path, let text):
            let script = parses?.parse(text).script ?? MigrationScript.parse(text)
            var problems = script.diagnostics.map { MigrationProblem(diagnostic: $0, migration: self, path: path) }
            if role != .versioned, script.down != nil {
                problems.append(MigrationProblem(
                    code: .scriptDown,
                    message: "\(path) is a \(role.rawValue) script and has a `-- strata:down` part; scripts around the migrations only run forwards",
                    hint: role == .repeatable
                        ? "remove the down part: a repeatable script runs again whenever it changes, so write it to replace what it creates (CREATE OR REPLACE, DROP … IF EXISTS first)"
                        : "remove the down part: \(role.rawValue) scripts run at every `up`, so write them to be re-runnable (IF NOT EXISTS, CREATE OR REPLACE)",
                    file: path, line: 1, column: 1
                ))
            }
            if !problems.isEmpty { return .failure(MigrationProblems(problems)) }
            switch direction {
            case .up:
                return .success(MigrationSteps(
                    isTransactional: script.isTransactional, steps: script.up.map { .statement($0) },
                    restoresStandardConformingStrings: !script.standardConformingStringsAfterUp
                ))
            case .down:
                guard let down = script.down else {
                    return .failure(MigrationProblems([.noDown(self)]))
                }
                return .success(MigrationSteps(
                    isTransactional: script.isTransactional, steps: down.map { .statement($0) },
                    restoresStandardConformingStrings: !script.standardConformingStringsAfterDown
                ))
            }
        }
    }
}
