import StrataPostgres

extension ConnectionDefaults {
    /// Defaults fixed so that parsing results do not depend on the machine.
    static let forTests = ConnectionDefaults(user: "tester", socketDirectory: { _ in "/var/run/postgresql" })
}
