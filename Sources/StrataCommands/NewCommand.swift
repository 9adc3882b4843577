import ArgumentParser
import Foundation
import StrataMigrate

struct NewCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create the next migration file.",
        discussion: """
            The version is the UTC time (YYYYMMDDHHMMSS) or, with `versioning: sequential`, the next \
            number (0001, 0002, …). The name is lower-cased with other characters turned into _.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What the migration does, e.g. add_users_email.")
    var name: String

    @Flag(help: "Mark the new file -- strata:no-transaction (for CREATE INDEX CONCURRENTLY and the like).")
    var noTransaction = false

    func run() async throws {
        let context = try CommandContext(global)
        let name = MigrationDirectory.normalizedName(self.name)
        guard !name.isEmpty else {
            throw ValidationError("the name \"\(self.name)\" has no letters or digits; use something like add_users")
        }
        let directory = MigrationDirectory(path: context.configuration.migrationsPath, displayPath: context.configuration.migrations)
        let contents = try directory.load()
        let existing = contents.migrations.map(\.version)
        let version = Self.nextVersion(
            existing: existing, versioning: context.configuration.versioning, now: context.environment.now()
        )
        let fileName = "\(version)_\(name).sql"
        let path = (directory.path as NSString).appendingPathComponent(fileName)
        var text = "-- \(name.replacingOccurrences(of: "_", with: " "))\n"
        if noTransaction { text += "-- strata:no-transaction\n" }
        text += "-- strata:up\n\n\n-- strata:down\n\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot write \(directory.displayPath)/\(fileName)", hint: "check the folder's permissions")
        }
        let shown = "\(directory.displayPath)/\(fileName)"
        if context.output.format == .json {
            struct Document: Encodable { var file: String; var version: String; var name: String }
            context.output.result(JSON.encode(Document(file: shown, version: version, name: name)))
        } else {
            context.output.result("Created \(shown)")
        }
    }

    /// The next version: the UTC time, bumped past the newest existing timestamp; or the
    /// next sequential number, zero-padded to the existing width (at least 4).
    static func nextVersion(existing: [MigrationVersion], versioning: ProjectConfiguration.Versioning, now: Date) -> String {
        switch versioning {
        case .sequential:
            let width = max(4, existing.map(\.text.count).max() ?? 0)
            let next = (existing.compactMap { Int($0.text) }.max() ?? 0) + 1
            let digits = String(next)
            return String(repeating: "0", count: max(width - digits.count, 0)) + digits
        case .timestamp:
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMddHHmmss"
            var candidate = formatter.string(from: now)
            if let newest = existing.max(), let value = Int(newest.text), let mine = Int(candidate), mine <= value {
                candidate = String(value + 1)
            }
            return candidate
        }
    }
}
