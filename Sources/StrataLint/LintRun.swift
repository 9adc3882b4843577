import StrataSQL

/// The state of one lint pass: the schema built so far, the transaction and session the next
/// statement runs in, and the findings.
struct LintRun {
    /// The open transaction: what it has done so far, for the rules that look across
    /// statements.
    struct Transaction {
        /// `table.constraint` of the constraints added in it.
        var addedConstraints: Set<String> = []
        var addedEnumValues: [(type: ObjectName, value: String)] = []
        /// Locks of SHARE UPDATE EXCLUSIVE or stronger taken by DDL on existing tables.
        var ddlLocks: [(table: ObjectName, mode: LockMode)] = []
        /// UPDATE or DELETE statements without WHERE on existing tables, judged when the
        /// transaction ends.
        var wholeTableWrites: [(table: ObjectName, context: StatementContext)] = []
        /// `SET LOCAL lock_timeout` in it: whether it is positive.
        var localLockTimeout: Bool?
        enum Kind {
            /// The transaction Strata runs a transactional file (or a batch of them) in.
            case migration
            /// Opened by the file's own BEGIN (in a no-transaction file).
            case explicit
            /// The one PostgreSQL wraps a lone statement in (a no-transaction file, outside BEGIN).
            case singleStatement
        }

        var kind: Kind
    }

    let configuration: LintConfiguration
    let asOneRun: Bool
    /// Each file is judged as the newest: its foreign keys need their index by its end.
    let eachFileAsNewest: Bool
    var catalog = LintCatalog()
    var findings: [LintFinding] = []
    var ignoredCount = 0

    var transaction: Transaction?
    /// Whether the session's `lock_timeout` is positive (Strata sets the configured one).
    var sessionLockTimeout: Bool
    /// Foreign keys added by the files, checked for an index once every file is read (a later
    /// migration may add it).
    var pendingForeignKeys: [(key: LintCatalog.ForeignKeyFacts, context: StatementContext)] = []
    var fileIndex = 0
    /// The first file whose objects are new: the current file, or in one run (`--pending`,
    /// `up`) the first file of the run that is reported, since nothing the run creates has
    /// rows in production yet.
    var newSince = 0
    private var firstReported: Int?
    var previousFileWasTransactional = false

    init(configuration: LintConfiguration, asOneRun: Bool, eachFileAsNewest: Bool = false) {
        self.configuration = configuration
        self.asOneRun = asOneRun
        self.eachFileAsNewest = eachFileAsNewest
        sessionLockTimeout = configuration.lockTimeoutConfigured
    }

    // MARK: - Files

    mutating func lint(_ file: LintFile, index: Int) {
        lint(PreparedFile(file), index: index)
    }

    /// Lints a file read by ``PreparedFile/init(_:)`` (which needs no state, so files can be
    /// read in parallel), at its place in the run.
    mutating func lint(_ prepared: PreparedFile, index: Int) {
        let file = prepared.file
        let script = prepared.script
        fileIndex = index
        if file.isReported && firstReported == nil { firstReported = index }
        newSince = asOneRun ? (firstReported ?? index) : index
        if !asOneRun {
            endTransaction()
            sessionLockTimeout = configuration.lockTimeoutConfigured
        }
        guard script.isValid else {
            reportInvalid(script, file: file)
            return
        }
        reportUnknownCodes(script.lintIgnores, file: file)

        if script.isTransactional {
            if !(asOneRun && configuration.transactionMode == .batch && previousFileWasTransactional) {
                endTransaction()
                transaction = Transaction(kind: .migration)
            }
        } else {
            endTransaction()
        }
        for (offset, statement) in script.up.enumerated() {
            let words = prepared.words[offset]
            let parsed = prepared.parsed[offset]
            let context = StatementContext(
                file: file.name, isReported: file.isReported, position: statement.span.start,
                text: statement.text, ignores: script.lintIgnores.isEmpty ? [] : script.lintIgnoredCodes(for: statement)
            )
            lintStatement(words[...], parsed: parsed, kind: statement.kind, transactional: script.isTransactional, context: context)
        }
        previousFileWasTransactional = script.isTransactional
        if script.isTransactional && !(asOneRun && configuration.transactionMode == .batch) {
            endTransaction()
        }
        if !script.isTransactional, transaction != nil {
            // A BEGIN without COMMIT: Strata's session ends the transaction with the file.
            endTransaction()
        }
        if eachFileAsNewest { checkForeignKeyIndexes() }
    }

    mutating func finish() {
        endTransaction()
        checkForeignKeyIndexes()
    }

    // MARK: - Statements

    private mutating func lintStatement(
        _ words: ArraySlice<Word>, parsed: ParsedStatement, kind: StatementKind, transactional: Bool, context: StatementContext
    ) {
        let implicit = !transactional && transaction == nil
        if implicit, case .begin = parsed {
            transaction = Transaction(kind: .explicit)
            return
        }
        if implicit, kind != .transactionControl { transaction = Transaction(kind: .singleStatement) }
        checkIdentifiers(words, context: context)
        checkIdempotence(words, context: context)
        checkEnumValueUse(words, context: context)
        apply(parsed, words: words, context: context)
        if transaction?.kind == .singleStatement { endTransaction() }
    }

    /// Runs the statement's rules and records its effect on the schema and the transaction.
    private mutating func apply(_ parsed: ParsedStatement, words: ArraySlice<Word>, context: StatementContext) {
        switch parsed {
        case .createTable(let table):
            createTable(table, context: context)
        case .createIndex(let index):
            createIndex(index, context: context)
        case .dropIndex(let names, let concurrently):
            dropIndexes(names, concurrently: concurrently, context: context)
        case .alterTable(let table, let actions):
            alterTable(table, actions: actions, context: context)
        case .renameTable(let table, let newName):
            renameTable(table, to: newName, context: context)
        case .renameColumn(let table, let from, let to):
            renameColumn(table, from: from, to: to, context: context)
        case .dropTable(let names):
            dropTables(names, context: context)
        case .dropSchema(let names):
            dropSchemas(names, context: context)
        case .createSchema(let name):
            catalog.createSchema(name, file: fileIndex)
        case .createEnum(let name, let values):
            catalog.createEnum(name, values: values)
        case .addEnumValue(let type, let value):
            catalog.addEnumValue(value, to: type)
            transaction?.addedEnumValues.append((type, value))
        case .createFunction(let name, let volatility):
            catalog.createFunction(name, volatility: volatility)
        case .update(let table, let hasWhere), .delete(let table, let hasWhere):
            if !hasWhere && !catalog.isNew(table, since: newSince) {
                transaction?.wholeTableWrites.append((table, context))
            }
        case .truncate(let names):
            for name in names { takeLock(.accessExclusive, on: name, command: "TRUNCATE", context: context) }
        case .lockTable(let names, let mode):
            for name in names { takeLock(mode, on: name, command: "LOCK TABLE", context: context) }
        case .tableLock(let command, let table, let mode):
            takeLock(mode, on: table, command: command, context: context)
        case .set(let parameter, let value, let isLocal):
            setParameter(parameter, value: value, isLocal: isLocal)
        case .reset(let parameter):
            if parameter == "lock_timeout" || parameter == "all" { sessionLockTimeout = false }
        case .commit, .rollback:
            endTransaction()
        case .begin, .other:
            break
        }
    }

    private mutating func setParameter(_ parameter: String, value: String?, isLocal: Bool) {
        guard parameter == "lock_timeout" else { return }
        // `TO DEFAULT` goes back to the server's default, which is 0 unless the server sets one.
        let positive = value.map(Self.isPositiveDuration) ?? false
        if isLocal {
            // Outside a transaction block SET LOCAL only warns and changes nothing.
            if let kind = transaction?.kind, kind != .singleStatement {
                transaction?.localLockTimeout = positive
            }
        } else {
            sessionLockTimeout = positive
            transaction?.localLockTimeout = nil
        }
    }

    static func isPositiveDuration(_ value: String) -> Bool {
        let digits = value.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits) else { return false }
        return number > 0
    }

    /// Whether a positive `lock_timeout` is in effect for the next statement.
    var lockTimeoutInEffect: Bool {
        transaction?.localLockTimeout ?? sessionLockTimeout
    }

    // MARK: - Transactions

    mutating func endTransaction() {
        guard let ended = transaction else { return }
        transaction = nil
        let existingLocks = ended.ddlLocks
        guard !existingLocks.isEmpty else { return }
        let lock = existingLocks.max { $0.mode < $1.mode }!
        for write in ended.wholeTableWrites {
            report(
                .unbatchedUpdate, write.context,
                "this statement changes every row of \(write.table) in a transaction that also holds \(lock.mode.name) on \(lock.table) until it commits",
                hint: "move the data change to a migration of its own (or a background job) and update in batches: UPDATE … WHERE id IN (SELECT id FROM … WHERE … LIMIT 10000)"
            )
        }
    }

    /// Records a lock of an existing table, checking `lock_timeout` for ACCESS EXCLUSIVE.
    mutating func takeLock(_ mode: LockMode, on table: ObjectName, command: String, context: StatementContext) {
        guard !catalog.isNew(table, since: newSince) else { return }
        if mode >= .shareUpdateExclusive { transaction?.ddlLocks.append((table, mode)) }
        guard mode == .accessExclusive, !lockTimeoutInEffect else { return }
        report(
            .lockTimeoutMissing, context,
            "\(command) takes ACCESS EXCLUSIVE on \(table) with no lock_timeout in effect: while it waits for running queries, every new query on \(table) waits behind it",
            hint: "set lock_timeout in strata.yaml (lock_timeout: 5s), or SET lock_timeout = '5s'; before the statement (SET LOCAL lasts only until the transaction ends)"
        )
    }

    // MARK: - Reporting

    mutating func report(_ rule: LintRule, _ context: StatementContext, _ message: String, hint: String, at position: SourcePosition? = nil) {
        let severity = configuration.severity(of: rule)
        guard severity != .off, context.isReported else { return }
        if context.ignores.contains(rule.code) {
            ignoredCount += 1
            return
        }
        findings.append(LintFinding(
            rule: rule, severity: severity, file: context.file, position: position ?? context.position,
            message: message, hint: hint, statement: context.excerpt
        ))
    }

    private mutating func reportInvalid(_ script: MigrationScript, file: LintFile) {
        let context = StatementContext(file: file.name, isReported: file.isReported, position: .start, text: "", ignores: [])
        for diagnostic in script.diagnostics {
            report(
                .invalidFile, context, "\(diagnostic.message) (\(diagnostic.code)); the rest of the file was not linted",
                hint: diagnostic.hint ?? "fix the file; `strata validate` reports the same problem", at: diagnostic.position
            )
        }
    }

    private mutating func reportUnknownCodes(_ ignores: [LintIgnoreComment], file: LintFile) {
        for ignore in ignores {
            let context = StatementContext(file: file.name, isReported: file.isReported, position: ignore.position, text: "", ignores: [])
            if ignore.codes.isEmpty {
                report(.unknownIgnoreCode, context, "this lint-ignore comment names no rule code, so it ignores nothing", hint: "write the codes to ignore: -- strata:lint-ignore index-not-concurrent the table is empty")
            }
            for code in ignore.codes where LintRule(rawValue: code) == nil {
                report(.unknownIgnoreCode, context, "\(code) is not a lint rule, so this comment ignores nothing", hint: "the codes are listed in docs/lint.md and by `strata lint --rules`")
            }
        }
    }
}
