/// A `CREATE [OR REPLACE] FUNCTION|PROCEDURE` statement, read with the lexer for what ordering
/// needs: the language, the body, the `SET search_path` the body runs with, the parameter names,
/// and the names the signature and the body use.
///
/// It reads both what users write and what `pg_get_functiondef` prints. It is not a parser:
/// see ``SQLReference`` for what the names can and cannot tell.
public struct RoutineDefinition: Sendable, Hashable {
    /// Where the body is.
    public enum Body: Sendable, Hashable {
        /// `AS '…'` or `AS $$…$$`: the text PostgreSQL keeps in `prosrc`. For `LANGUAGE sql` and
        /// `plpgsql` it is checked at creation only while `check_function_bodies` is on, and the
        /// objects it uses are not recorded as dependencies.
        case string(String)
        /// `BEGIN ATOMIC … END` or `RETURN …`: parsed at creation whatever
        /// `check_function_bodies` says, and its dependencies are recorded (`pg_depend`).
        case standard(String)
    }

    /// The names a body uses.
    public struct References: Sendable, Hashable {
        /// Everything the body uses when it runs: functions it calls, relations, types.
        public var used: [SQLReference]
        /// What must exist when the routine is created: for a standard body and for a
        /// `LANGUAGE sql` string, everything (PostgreSQL analyses every statement); for PL/pgSQL,
        /// the types of the variables it declares (`film%ROWTYPE`), which it resolves when it
        /// compiles the body; for other languages, nothing.
        public var checkedAtCreation: [SQLReference]

        public init(used: [SQLReference] = [], checkedAtCreation: [SQLReference] = []) {
            self.used = used
            self.checkedAtCreation = checkedAtCreation
        }
    }

    /// The routine's name as written, folded: `["app", "f"]` or `["f"]`.
    public var name: [String]
    /// `sql`, `plpgsql`, `c`, … lower-cased; `nil` when the statement names none (PostgreSQL
    /// then takes `sql` for a standard body).
    public var language: String?
    public var body: Body?
    /// The schemas of a `SET search_path` clause, in order; `nil` without one.
    public var searchPath: [String]?
    /// The names of the parameters (and of `RETURNS TABLE` columns), folded.
    public var parameterNames: [String]
    /// The names the parameter types and defaults and the result type use.
    public var signatureReferences: [SQLReference]

    /// Reads `statement`; `nil` when it is not a `CREATE FUNCTION` or `CREATE PROCEDURE`.
    public init?(_ statement: String) {
        let lexed = LexedText(statement)
        let words = lexed.tokens.filter { !$0.kind.isTrivia }
        var reader = RoutineDefinitionReader(source: lexed, words: words)
        guard let read = reader.read() else { return nil }
        self = read
    }

    init(name: [String], language: String?, body: Body?, searchPath: [String]?, parameterNames: [String], signatureReferences: [SQLReference]) {
        self.name = name
        self.language = language
        self.body = body
        self.searchPath = searchPath
        self.parameterNames = parameterNames
        self.signatureReferences = signatureReferences
    }

    /// The names the body uses (see ``References``); parameter names and PL/pgSQL variables
    /// used bare are left out.
    public func bodyReferences() -> References {
        let excluded = Set(parameterNames)
        switch body {
        case .standard(let text)?:
            var scanner = ReferenceScanner(text: text, isPLpgSQL: false, excluding: excluded)
            let used = scanner.scan().used
            return References(used: used, checkedAtCreation: used)
        case .string(let text)? where language == "sql":
            var scanner = ReferenceScanner(text: text, isPLpgSQL: false, excluding: excluded)
            let used = scanner.scan().used
            return References(used: used, checkedAtCreation: used)
        case .string(let text)? where language == "plpgsql":
            var scanner = ReferenceScanner(text: text, isPLpgSQL: true, excluding: excluded)
            let result = scanner.scan()
            return References(used: result.used, checkedAtCreation: result.declared)
        default:
            return References()
        }
    }
}
