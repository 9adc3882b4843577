extension ConnectionSettings {
    /// Parses a `postgres://` or `postgresql://` URL, or a libpq keyword/value string
    /// (`host=/var/run/postgresql dbname=app user=me`).
    ///
    /// Accepted parameters: `host` (a socket directory when it starts with `/`), `port`,
    /// `user`, `password`, `dbname`, `sslmode`, `sslrootcert`, `sslcert`, `sslkey`,
    /// `connect_timeout`, `application_name`. A host that starts with `%2F` is a socket
    /// directory. Missing parts take libpq's defaults: the socket directory found by
    /// `defaults.socketDirectory`, port 5432, the OS user, a database named like the user.
    ///
    /// - Throws: ``DatabaseError`` with code `invalidSettings`; the message never
    ///   contains the password.
    public init(url text: String, defaults: ConnectionDefaults = .system) throws {
        let trimmed = text.trimmingWhitespace()
        var parameters: [String: String]
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            parameters = try Self.parseURL(trimmed)
        } else if trimmed.contains("=") && !trimmed.contains("://") {
            parameters = try Self.parseKeywordValue(trimmed)
        } else {
            throw DatabaseError(
                .invalidSettings,
                "not a PostgreSQL connection URL: it must start with postgres:// or postgresql://",
                hint: "write it like postgres://user@host:5432/dbname?sslmode=require"
            )
        }
        if let password = parameters["password"], password.isEmpty { parameters["password"] = nil }
        try self.init(parameters: parameters, defaults: defaults)
    }

    /// Builds settings from libpq parameter names (`host`, `port`, `user`, `dbname`, …).
    public init(parameters: [String: String], defaults: ConnectionDefaults = .system) throws {
        let known: Set<String> = [
            "host", "hostaddr", "port", "user", "password", "dbname", "sslmode", "sslrootcert",
            "sslcert", "sslkey", "connect_timeout", "application_name", "options", "target_session_attrs",
        ]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw DatabaseError(
                .invalidSettings, "unknown connection parameter \"\(unknown)\"",
                hint: "supported: " + known.sorted().joined(separator: ", ")
            )
        }
        let port: Int
        if let text = parameters["port"], !text.isEmpty {
            guard let value = Int(text), (1...65535).contains(value) else {
                throw DatabaseError(.invalidSettings, "invalid port \"\(text)\": expected a number from 1 to 65535")
            }
            port = value
        } else {
            port = 5432
        }
        let host = parameters["hostaddr"].flatMap { $0.isEmpty ? nil : $0 } ?? parameters["host"] ?? ""
        if host.contains(",") {
            throw DatabaseError(
                .invalidSettings, "several hosts (\(host)) are not supported",
                hint: "give the URL of the primary server only"
            )
        }
        let endpoint: Endpoint
        if host.isEmpty {
            endpoint = .socket(directory: defaults.socketDirectory(port), port: port)
        } else if host.hasPrefix("/") {
            endpoint = .socket(directory: host, port: port)
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        let sslMode: SSLMode
        if let text = parameters["sslmode"], !text.isEmpty {
            guard let mode = SSLMode(rawValue: text) else {
                throw DatabaseError(
                    .invalidSettings, "invalid sslmode \"\(text)\"",
                    hint: "use one of " + SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            sslMode = mode
        } else {
            sslMode = .prefer
        }
        var timeout = 10.0
        if let text = parameters["connect_timeout"], !text.isEmpty {
            guard let value = Double(text), value >= 0 else {
                throw DatabaseError(.invalidSettings, "invalid connect_timeout \"\(text)\": expected seconds")
            }
            // libpq treats 0 as "wait forever" and enforces a minimum of 2 seconds.
            timeout = value == 0 ? 24 * 3600 : max(value, 2)
        }
        let user = parameters["user"].flatMap { $0.isEmpty ? nil : $0 } ?? defaults.user
        self.init(
            endpoint: endpoint,
            user: user,
            password: parameters["password"],
            database: parameters["dbname"].flatMap { $0.isEmpty ? nil : $0 } ?? user,
            sslMode: sslMode,
            sslRootCertificate: parameters["sslrootcert"],
            sslCertificate: parameters["sslcert"],
            sslKey: parameters["sslkey"],
            connectTimeout: timeout,
            applicationName: parameters["application_name"] ?? "strata"
        )
        if let options = parameters["options"], !options.isEmpty {
            startupParameters = try Self.parseOptions(options)
        }
    }

    static func parseURL(_ text: String) throws -> [String: String] {
        var rest = Substring(text)
        rest = rest.drop(while: { $0 != ":" }).dropFirst(3) // past "scheme://"
        var parameters: [String: String] = [:]

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        // rest is now [userinfo@]hostport; the userinfo ends at the last '@'.
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                parameters["user"] = try decode(userInfo[..<colon], what: "user name")
                parameters["password"] = try decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                parameters["user"] = try decode(userInfo, what: "user name")
            }
        }
        var hostText = rest
        if hostText.hasPrefix("[") {
            guard let close = hostText.firstIndex(of: "]") else {
                throw DatabaseError(.invalidSettings, "unterminated IPv6 address in the connection URL")
            }
            parameters["host"] = String(hostText[hostText.index(after: hostText.startIndex)..<close])
            let afterBracket = hostText[hostText.index(after: close)...]
            if afterBracket.hasPrefix(":") { parameters["port"] = String(afterBracket.dropFirst()) }
        } else {
            if let colon = hostText.lastIndex(of: ":"), !hostText[colon...].contains(",") {
                parameters["port"] = String(hostText[hostText.index(after: colon)...])
                hostText = hostText[..<colon]
            }
            if !hostText.isEmpty { parameters["host"] = try decode(hostText, what: "host") }
        }
        if !path.isEmpty { parameters["dbname"] = try decode(path, what: "database name") }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0], what: "parameter name")
            let value = parts.count > 1 ? try decode(parts[1], what: "value of \(key)") : ""
            parameters[key] = value
        }
        return parameters
    }

    static func parseKeywordValue(_ text: String) throws -> [String: String] {
        var parameters: [String: String] = [:]
        var scalars = Substring(text)
        while true {
            scalars = scalars.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })
            if scalars.isEmpty { break }
            guard let equals = scalars.firstIndex(of: "=") else {
                // Never echo the text: it may hold a password.
                throw DatabaseError(
                    .invalidSettings, "malformed connection string: a word without \"=\" after \(parameters.count) parameter(s)",
                    hint: "write key=value pairs separated by spaces, e.g. host=localhost dbname=app"
                )
            }
            let key = String(scalars[..<equals]).trimmingWhitespace()
            scalars = scalars[scalars.index(after: equals)...].drop(while: { $0 == " " })
            var value = ""
            if scalars.first == "'" {
                scalars = scalars.dropFirst()
                var closed = false
                while let character = scalars.first {
                    scalars = scalars.dropFirst()
                    if character == "\\", let next = scalars.first {
                        value.append(next)
                        scalars = scalars.dropFirst()
                    } else if character == "'" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                if !closed {
                    throw DatabaseError(.invalidSettings, "unterminated quoted value for \"\(key)\" in the connection string")
                }
            } else {
                while let character = scalars.first, character != " ", character != "\t", character != "\n" {
                    if character == "\\" {
                        scalars = scalars.dropFirst()
                        if let next = scalars.first { value.append(next); scalars = scalars.dropFirst() }
                        continue
                    }
                    value.append(character)
                    scalars = scalars.dropFirst()
                }
            }
            parameters[key] = value
        }
        return parameters
    }

    private static func decode(_ text: Substring, what: String) throws -> String {
        guard let decoded = URLComponentEncoding.decode(String(text)) else {
            throw DatabaseError(.invalidSettings, "malformed percent-encoding in the \(what) of the connection URL")
        }
        return decoded
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
