import StrataPostgres
import Testing

@Suite("ConnectionSettings parsing")
struct ConnectionSettingsParsingTests {
    private func parse(_ text: String) throws -> ConnectionSettings {
        try ConnectionSettings(url: text, defaults: .forTests)
    }

    @Test("postgres:// and postgresql:// URLs", arguments: ["postgres", "postgresql"])
    func schemes(scheme: String) throws {
        let settings = try parse("\(scheme)://alice:secret@db.example.com:6543/app?sslmode=require&application_name=tool")
        #expect(settings.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(settings.user == "alice")
        #expect(settings.password == "secret")
        #expect(settings.database == "app")
        #expect(settings.sslMode == .require)
        #expect(settings.applicationName == "tool")
    }

    @Test func percentEncodedUserAndPassword() throws {
        let settings = try parse("postgres://us%3Aer%40corp:p%40ss%3Aw%2Frd%25@h/d%20b")
        #expect(settings.user == "us:er@corp")
        #expect(settings.password == "p@ss:w/rd%")
        #expect(settings.database == "d b")
    }

    @Test func malformedPercentEncodingIsRejected() {
        let error = #expect(throws: DatabaseError.self) { try parse("postgres://u:%zz@h/d") }
        #expect(error?.code == .invalidSettings)
    }

    @Test func ipv6Host() throws {
        let settings = try parse("postgres://u@[::1]:5433/d")
        #expect(settings.endpoint == .tcp(host: "::1", port: 5433))
        #expect(settings.describedEndpoint == "[::1]:5433")
        #expect(settings.redactedURL.contains("[::1]:5433"))
        let defaultPort = try parse("postgres://u@[fe80::1]/d")
        #expect(defaultPort.endpoint == .tcp(host: "fe80::1", port: 5432))
    }

    @Test func percentEncodedSocketHost() throws {
        let settings = try parse("postgres://u@%2Ftmp%2Fpg:5433/d")
        #expect(settings.endpoint == .socket(directory: "/tmp/pg", port: 5433))
    }

    @Test func socketHostInQuery() throws {
        let settings = try parse("postgres://u@/d?host=/var/lib/pg&port=5444")
        #expect(settings.endpoint == .socket(directory: "/var/lib/pg", port: 5444))
        let encoded = try parse("postgresql:///d?host=%2Fsock")
        #expect(encoded.endpoint == .socket(directory: "/sock", port: 5432))
        #expect(encoded.user == "tester")
    }

    @Test func defaults() throws {
        let settings = try parse("postgres://db.example.com")
        #expect(settings.endpoint == .tcp(host: "db.example.com", port: 5432))
        #expect(settings.user == "tester")
        #expect(settings.database == "tester")
        #expect(settings.password == nil)
        #expect(settings.sslMode == .prefer)
        #expect(settings.connectTimeout == 10)
        let noHost = try parse("postgres:///app")
        #expect(noHost.endpoint == .socket(directory: "/var/run/postgresql", port: 5432))
    }

    @Test("every sslmode", arguments: ConnectionSettings.SSLMode.allCases)
    func sslModes(mode: ConnectionSettings.SSLMode) throws {
        #expect(try parse("postgres://h/d?sslmode=\(mode.rawValue)").sslMode == mode)
        #expect(try parse("host=h sslmode=\(mode.rawValue)").sslMode == mode)
    }

    @Test func invalidSSLMode() {
        let error = #expect(throws: DatabaseError.self) { try parse("postgres://h/d?sslmode=sometimes") }
        #expect(error?.code == .invalidSettings)
        #expect(error?.message.contains("sometimes") == true)
        #expect(error?.hint?.contains("verify-full") == true)
    }

    @Test func connectTimeout() throws {
        #expect(try parse("postgres://h/d?connect_timeout=7").connectTimeout == 7)
        #expect(try parse("postgres://h/d?connect_timeout=1").connectTimeout == 2, "libpq's minimum is 2 seconds")
        #expect(try parse("postgres://h/d?connect_timeout=0").connectTimeout >= 3600, "0 means wait (practically) forever")
        let error = #expect(throws: DatabaseError.self) { try parse("postgres://h/d?connect_timeout=soon") }
        #expect(error?.code == .invalidSettings)
    }

    @Test func invalidPort() {
        for text in ["postgres://h:0/d", "postgres://h:70000/d", "postgres://h:port/d"] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try parse(text) }
            #expect(error?.code == .invalidSettings)
        }
    }

    @Test func keywordValueWithQuotes() throws {
        let settings = try parse(#"host=localhost port=5433 dbname='my db' user=me password='it\'s a \\secret' sslmode=disable"#)
        #expect(settings.endpoint == .tcp(host: "localhost", port: 5433))
        #expect(settings.database == "my db")
        #expect(settings.user == "me")
        #expect(settings.password == #"it's a \secret"#)
        #expect(settings.sslMode == .disable)
        let socket = try parse("host=/run/pg dbname=app")
        #expect(socket.endpoint == .socket(directory: "/run/pg", port: 5432))
    }

    @Test func keywordValueErrorsNeverShowThePassword() {
        let unterminated = #expect(throws: DatabaseError.self) { try parse("host=h password='hunter2XYZ") }
        #expect(unterminated?.code == .invalidSettings)
        #expect(unterminated.map { !String(describing: $0).contains("hunter2XYZ") } == true)
        let malformed = #expect(throws: DatabaseError.self) { try parse("host=h password=hunter2XYZ stray") }
        #expect(malformed.map { !String(describing: $0).contains("hunter2XYZ") } == true)
    }

    @Test func unknownParameter() {
        let error = #expect(throws: DatabaseError.self) { try parse("postgres://h/d?frobnicate=1") }
        #expect(error?.code == .invalidSettings)
        #expect(error?.message.contains("frobnicate") == true)
        let keyword = #expect(throws: DatabaseError.self) { try parse("host=h frobnicate=1") }
        #expect(keyword?.code == .invalidSettings)
    }

    @Test("several hosts are rejected", arguments: [
        "postgres://u@h1,h2/d", "postgres://u@h1:5432,h2:5433/d", "host=h1,h2 dbname=d",
    ])
    func severalHosts(text: String) {
        let error = #expect(throws: DatabaseError.self) { try parse(text) }
        #expect(error?.code == .invalidSettings)
        #expect(error?.message.contains("several hosts") == true)
    }

    @Test func notAURL() {
        let error = #expect(throws: DatabaseError.self) { try parse("mysql://h/d") }
        #expect(error?.code == .invalidSettings)
    }

    @Test func withDatabaseKeepsTheRest() throws {
        let settings = try parse("postgres://u:p@h:1234/one?sslmode=require")
        let other = settings.with(database: "two")
        #expect(other.database == "two")
        #expect(other.endpoint == settings.endpoint)
        #expect(other.password == "p")
        #expect(other.sslMode == .require)
    }
}

@Suite("ConnectionSettings options")
struct ConnectionSettingsOptionsTests {
    @Test func optionsBecomeStartupParameters() throws {
        let settings = try ConnectionSettings(
            url: "postgres://u@h/d?options=-c%20search_path%3Dtenant_a%20-cstatement_timeout%3D5s%20--lock-timeout%3D1s", defaults: .forTests
        )
        #expect(settings.startupParameters == ["search_path": "tenant_a", "statement_timeout": "5s", "lock_timeout": "1s"])
        let spaced = try ConnectionSettings(parameters: ["host": "h", "options": #"-c search_path=a\,\ b"#], defaults: .forTests)
        #expect(spaced.startupParameters == ["search_path": "a, b"])
    }

    @Test func optionsRoundTripThroughTheURL() throws {
        var settings = ConnectionSettings(endpoint: .tcp(host: "h", port: 5432), user: "u", database: "d")
        settings.startupParameters = ["search_path": "\"Tenant A\", public"]
        let again = try ConnectionSettings(url: settings.url(includingPassword: false), defaults: .forTests)
        #expect(again.startupParameters == settings.startupParameters)
    }

    @Test(arguments: ["-x foo", "-c", "-c =1", "search_path=a"])
    func malformedOptionsAreRejectedNotIgnored(options: String) {
        let error = #expect(throws: DatabaseError.self) {
            try ConnectionSettings(parameters: ["host": "h", "options": options], defaults: .forTests)
        }
        #expect(error?.code == .invalidSettings)
    }
}
