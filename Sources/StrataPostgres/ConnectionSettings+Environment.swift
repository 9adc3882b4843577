extension ConnectionSettings {
    /// Settings from libpq's variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
    /// `PGDATABASE`, `PGSSLMODE`, …), or nil when none of `PGHOST`, `PGPORT`, `PGUSER`,
    /// `PGDATABASE` is set.
    public static func fromLibpqEnvironment(
        _ environment: [String: String], defaults: ConnectionDefaults = .system
    ) throws -> ConnectionSettings? {
        let names: [(variable: String, parameter: String)] = [
            ("PGHOST", "host"), ("PGHOSTADDR", "hostaddr"), ("PGPORT", "port"), ("PGUSER", "user"),
            ("PGPASSWORD", "password"), ("PGDATABASE", "dbname"), ("PGSSLMODE", "sslmode"),
            ("PGSSLROOTCERT", "sslrootcert"), ("PGSSLCERT", "sslcert"), ("PGSSLKEY", "sslkey"),
            ("PGCONNECT_TIMEOUT", "connect_timeout"), ("PGAPPNAME", "application_name"),
        ]
        let identifying = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE"]
        guard identifying.contains(where: { !(environment[$0] ?? "").isEmpty }) else { return nil }
        var parameters: [String: String] = [:]
        for (variable, parameter) in names {
            if let value = environment[variable], !value.isEmpty { parameters[parameter] = value }
        }
        return try ConnectionSettings(parameters: parameters, defaults: defaults)
    }

    /// Settings from `DB_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER`, `DB_PASSWORD` (and
    /// `DB_SSLMODE`), or nil when neither `DB_HOST` nor `DB_NAME` is set.
    public static func fromDBEnvironment(
        _ environment: [String: String], defaults: ConnectionDefaults = .system
    ) throws -> ConnectionSettings? {
        guard !(environment["DB_HOST"] ?? "").isEmpty || !(environment["DB_NAME"] ?? "").isEmpty else { return nil }
        let names: [(String, String)] = [
            ("DB_HOST", "host"), ("DB_PORT", "port"), ("DB_NAME", "dbname"), ("DB_USER", "user"),
            ("DB_PASSWORD", "password"), ("DB_SSLMODE", "sslmode"),
        ]
        var parameters: [String: String] = [:]
        for (variable, parameter) in names {
            if let value = environment[variable], !value.isEmpty { parameters[parameter] = value }
        }
        return try ConnectionSettings(parameters: parameters, defaults: defaults)
    }

    /// Fills a missing password the way libpq does: `PGPASSWORD`, then the password file
    /// (`PGPASSFILE` or `~/.pgpass`, given here as its text).
    public func fillingPassword(environment: [String: String], passwordFile: String?) -> ConnectionSettings {
        guard password == nil else { return self }
        var copy = self
        if let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty {
            copy.password = fromEnvironment
        } else if let passwordFile {
            copy.password = PasswordFile(text: passwordFile).password(for: self)
        }
        return copy
    }
}

/// libpq's password file: lines of `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` escaping; the first matching line wins.
public struct PasswordFile: Sendable {
    private var entries: [[String]]

    public init(text: String) {
        entries = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).compactMap { line in
            if line.hasPrefix("#") { return nil }
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            return fields.count == 5 ? fields : nil
        }
    }

    /// The password of the first entry that matches the settings, if any.
    public func password(for settings: ConnectionSettings) -> String? {
        let host: String
        switch settings.endpoint {
        case .tcp(let name, _): host = name
        case .socket: host = "localhost"
        }
        let wanted = [host, String(settings.port), settings.database, settings.user]
        for entry in entries {
            let matches = zip(entry.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 }
            if matches { return entry[4] }
        }
        return nil
    }
}
