import StrataPostgres
import Testing

@Suite("ConnectionSettings from the environment and the password file")
struct ConnectionSettingsEnvironmentTests {
    @Test func libpqVariables() throws {
        let environment = [
            "PGHOST": "db.internal", "PGPORT": "6000", "PGUSER": "app", "PGPASSWORD": "pw",
            "PGDATABASE": "orders", "PGSSLMODE": "verify-full", "PGCONNECT_TIMEOUT": "4", "HOME": "/home/x",
        ]
        let settings = try #require(try ConnectionSettings.fromLibpqEnvironment(environment, defaults: .forTests))
        #expect(settings.endpoint == .tcp(host: "db.internal", port: 6000))
        #expect(settings.user == "app")
        #expect(settings.password == "pw")
        #expect(settings.database == "orders")
        #expect(settings.sslMode == .verifyFull)
        #expect(settings.connectTimeout == 4)
    }

    @Test func libpqSocketHostAndDefaults() throws {
        let settings = try #require(try ConnectionSettings.fromLibpqEnvironment(["PGHOST": "/run/pg"], defaults: .forTests))
        #expect(settings.endpoint == .socket(directory: "/run/pg", port: 5432))
        #expect(settings.user == "tester")
        #expect(settings.database == "tester")
    }

    @Test func libpqNeedsAnIdentifyingVariable() throws {
        #expect(try ConnectionSettings.fromLibpqEnvironment([:], defaults: .forTests) == nil)
        #expect(try ConnectionSettings.fromLibpqEnvironment(["PGPASSWORD": "x", "PGSSLMODE": "require"], defaults: .forTests) == nil)
        #expect(try ConnectionSettings.fromLibpqEnvironment(["PGHOST": ""], defaults: .forTests) == nil)
    }

    @Test func libpqInvalidValue() {
        let error = #expect(throws: DatabaseError.self) {
            try ConnectionSettings.fromLibpqEnvironment(["PGHOST": "h", "PGSSLMODE": "maybe"], defaults: .forTests)
        }
        #expect(error?.code == .invalidSettings)
    }

    @Test func dbVariables() throws {
        let environment = ["DB_HOST": "10.0.0.5", "DB_PORT": "5555", "DB_NAME": "shop", "DB_USER": "svc", "DB_PASSWORD": "s3cret"]
        let settings = try #require(try ConnectionSettings.fromDBEnvironment(environment, defaults: .forTests))
        #expect(settings.endpoint == .tcp(host: "10.0.0.5", port: 5555))
        #expect(settings.database == "shop")
        #expect(settings.user == "svc")
        #expect(settings.password == "s3cret")
        #expect(try ConnectionSettings.fromDBEnvironment(["DB_USER": "svc"], defaults: .forTests) == nil)
        let nameOnly = try #require(try ConnectionSettings.fromDBEnvironment(["DB_NAME": "shop"], defaults: .forTests))
        #expect(nameOnly.endpoint == .socket(directory: "/var/run/postgresql", port: 5432))
    }

    private let passwordFile = """
        # comment line
        db.example.com:5432:app:alice:first
        db.example.com:*:*:alice:second
        *:*:*:bob:b\\:o\\\\b
        localhost:6000:*:carol:socket
        *:*:*:*:fallback
        """

    private func settings(_ endpoint: ConnectionSettings.Endpoint, user: String, database: String = "app") -> ConnectionSettings {
        ConnectionSettings(endpoint: endpoint, user: user, database: database)
    }

    @Test func passwordFileFirstMatchWins() {
        let file = PasswordFile(text: passwordFile)
        #expect(file.password(for: settings(.tcp(host: "db.example.com", port: 5432), user: "alice")) == "first")
        #expect(file.password(for: settings(.tcp(host: "db.example.com", port: 5433), user: "alice")) == "second")
        #expect(file.password(for: settings(.tcp(host: "db.example.com", port: 5432), user: "alice", database: "other")) == "second")
        #expect(file.password(for: settings(.tcp(host: "elsewhere", port: 5432), user: "alice")) == "fallback")
    }

    @Test func passwordFileEscapes() {
        let file = PasswordFile(text: passwordFile)
        #expect(file.password(for: settings(.tcp(host: "any", port: 1), user: "bob")) == #"b:o\b"#)
    }

    @Test func passwordFileSocketMatchesLocalhost() {
        let file = PasswordFile(text: passwordFile)
        #expect(file.password(for: settings(.socket(directory: "/tmp", port: 6000), user: "carol")) == "socket")
        #expect(file.password(for: settings(.socket(directory: "/tmp", port: 6001), user: "carol")) == "fallback")
    }

    @Test func passwordFileWithoutMatch() {
        let file = PasswordFile(text: "db:5432:app:alice:pw\nmalformed line\n")
        #expect(file.password(for: settings(.tcp(host: "db", port: 5432), user: "bob")) == nil)
    }

    @Test func fillingPasswordOrder() {
        let base = settings(.tcp(host: "db.example.com", port: 5432), user: "alice")
        #expect(base.fillingPassword(environment: ["PGPASSWORD": "env"], passwordFile: passwordFile).password == "env")
        #expect(base.fillingPassword(environment: [:], passwordFile: passwordFile).password == "first")
        #expect(base.fillingPassword(environment: [:], passwordFile: nil).password == nil)
        var explicit = base
        explicit.password = "given"
        #expect(explicit.fillingPassword(environment: ["PGPASSWORD": "env"], passwordFile: passwordFile).password == "given")
    }
}
