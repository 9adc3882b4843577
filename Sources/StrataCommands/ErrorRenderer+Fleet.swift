import StrataFleet

extension ErrorRenderer {
    /// A fleet's own error: its configuration and target list (exit 2), a missing tenant
    /// schema (exit 2), or a schema listing that failed (the cause's status: 3 when the
    /// server is unreachable).
    func describe(_ error: FleetError) -> (Document, [String]) {
        var status = ExitStatus.usage
        var lines = [error.description.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? error.message]
        var sqlState: String?
        if error.code == .schemaListing, let underlying = error.underlying {
            let (cause, _) = describe(underlying)
            status = cause.error.exitCode
            sqlState = cause.error.sqlState
        }
        if let hint = error.hint { lines.append("hint: " + hint) }
        let place = error.origin.map(Self.location)
        return (Document(error: .init(
            code: error.code.description, exitCode: status, message: error.message, hint: error.hint,
            file: place?.file, line: place?.line, column: place?.column, sqlState: sqlState
        )), lines)
    }

    /// `file:line[:column]` taken apart (a file name may itself hold colons).
    static func location(_ origin: String) -> (file: String, line: Int?, column: Int?) {
        var parts = origin.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var numbers: [Int] = []
        while parts.count > 1, numbers.count < 2, let number = Int(parts[parts.count - 1]) {
            numbers.insert(number, at: 0)
            parts.removeLast()
        }
        return (parts.joined(separator: ":"), numbers.first, numbers.count > 1 ? numbers[1] : nil)
    }
}
