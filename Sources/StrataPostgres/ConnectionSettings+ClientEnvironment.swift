extension ConnectionSettings {
    /// The environment for a libpq program (`pg_dump`, `pg_restore`) that connects with
    /// these settings: `base` without any `PG*` variable of its own, plus `PGHOST`,
    /// `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, the certificate files,
    /// `PGCONNECT_TIMEOUT`, `PGAPPNAME` and, when there is a password, `PGPASSWORD`.
    ///
    /// The password travels only this way, to the child, so it never appears on a
    /// command line (which `ps` shows every user), in output or in a log.
    ///
    /// - Parameter toolMajor: the major version of the program; from 16 on, `verify-ca` and
    ///   `verify-full` without a root certificate file trust the system's roots, as
    ///   Strata's own connections do (`PGSSLROOTCERT=system`).
    public func clientEnvironment(base: [String: String], toolMajor: Int) -> [String: String] {
        var environment = base.filter { !$0.key.hasPrefix("PG") }
        environment["PGHOST"] = host
        environment["PGPORT"] = String(port)
        environment["PGUSER"] = user
        environment["PGDATABASE"] = database
        if let password { environment["PGPASSWORD"] = password }
        if case .tcp = endpoint {
            environment["PGSSLMODE"] = sslMode.rawValue
            if let sslRootCertificate {
                environment["PGSSLROOTCERT"] = sslRootCertificate
            } else if toolMajor >= 16 && (sslMode == .verifyCA || sslMode == .verifyFull) {
                environment["PGSSLROOTCERT"] = "system"
            }
            if let sslCertificate { environment["PGSSLCERT"] = sslCertificate }
            if let sslKey { environment["PGSSLKEY"] = sslKey }
        } else {
            environment["PGSSLMODE"] = "disable"
        }
        environment["PGCONNECT_TIMEOUT"] = String(max(Int(connectTimeout.rounded(.up)), 2))
        environment["PGAPPNAME"] = applicationName
        return environment
    }

    /// `dbname='…'` for a program's `--dbname`: a connection string naming only the
    /// database, so that a name holding `=` is not read as one, and everything else
    /// (host, user, password) comes from ``clientEnvironment(base:toolMajor:)``.
    public var databaseConnectionString: String {
        "dbname='" + database.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
