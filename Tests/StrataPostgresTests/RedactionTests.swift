import StrataPostgres
import StrataTestSupport
import Testing

/// Passwords never appear in `redactedURL` or `description`, whatever characters they hold,
/// and `url(includingPassword: true)` round-trips them.
@Suite("Password redaction")
struct RedactionTests {
    /// Hand-picked awkward passwords, then generated ones from a fixed seed.
    static let passwords: [String] = {
        var list = [
            "p@ss:w/rd%", "%40%3A", "hunter2!", "with space", "ümlaut-ß", "a@b@c", "::::", "////", "%%%%",
            "?query=1&x", "#fragment", "[::1]", "tab\there", "quote'\"", "sslmode=disable",
        ]
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("abcXYZ019@:/%?#&=+ _-.~'\"[]!$*é")
        for _ in 0..<60 {
            let length = Int.random(in: 8...24, using: &generator)
            list.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        return list
    }()

    @Test("URL forms", arguments: passwords)
    func urlNeverShowsPassword(password: String) throws {
        let settings = ConnectionSettings(
            endpoint: .tcp(host: "db.example.com", port: 5432), user: "app", password: password, database: "orders"
        )
        for shown in [settings.redactedURL, settings.description, "\(settings)"] {
            #expect(!shown.contains(password))
            #expect(shown.contains("***"))
        }
        let full = settings.url(includingPassword: true)
        let parsed = try ConnectionSettings(url: full, defaults: .forTests)
        #expect(parsed.password == password)
        #expect(parsed.user == "app")
        #expect(parsed.database == "orders")
        #expect(parsed.endpoint == settings.endpoint)
        #expect(!parsed.redactedURL.contains(password))
    }

    @Test("socket endpoints", arguments: passwords.prefix(10))
    func socketURLNeverShowsPassword(password: String) {
        let settings = ConnectionSettings(
            endpoint: .socket(directory: "/tmp/strata-1234", port: 5432), user: "u", password: password, database: "d"
        )
        #expect(!settings.redactedURL.contains(password))
    }
}
