import ArgumentParser
import Foundation

struct InitCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create strata.yaml, migrations/ and schema/ in the project folder."
    )

    @OptionGroup var global: GlobalOptions

    static let template = """
        # Strata configuration (https://github.com/…/strata#configuration).
        # Every key is optional; the values below are the defaults.
        migrations: migrations      # folder of <version>_<name>.sql files
        schema: schema              # folder of .sql files that declare the desired schema
        history_schema: public      # schema of the strata_migrations history table
        versioning: timestamp       # or sequential (0001, 0002, …)
        transaction: batch          # or each: one transaction per migration
        lock_timeout: 10s           # SET lock_timeout for migration statements
        environments:
          dev: {}                   # no url: the local cluster in .strata/postgres
          # test: { url: "${TEST_DATABASE_URL}" }
          # prod: { url: "${DATABASE_URL}", protected: true }

        """

    func run() async throws {
        let context = try CommandContext(global, loadConfiguration: false)
        let directory = context.configuration.directory
        let manager = FileManager.default
        var created: [String] = []
        let configPath = (directory as NSString).appendingPathComponent(global.config ?? "strata.yaml")
        if !manager.fileExists(atPath: configPath) {
            try write(Self.template, to: configPath)
            created.append(global.config ?? "strata.yaml")
        }
        let configuration = try ProjectConfiguration.load(directory: directory, file: global.config)
        for (folder, shown) in [(configuration.migrationsPath, configuration.migrations), (configuration.schemaPath, configuration.schema)]
        where !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ConfigurationError("cannot create \(shown)/", hint: "check the folder's permissions", file: shown)
            }
            created.append(shown + "/")
        }
        let gitignore = (directory as NSString).appendingPathComponent(".gitignore")
        let existing = (try? String(contentsOfFile: gitignore, encoding: .utf8)) ?? ""
        if !existing.split(separator: "\n").contains(where: { $0 == ".strata/" || $0 == ".strata" }) {
            try write(existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + ".strata/\n", to: gitignore)
            created.append(existing.isEmpty ? ".gitignore" : ".gitignore (added .strata/)")
        }
        let output = context.output
        if output.format == .json {
            struct Document: Encodable { var directory: String; var created: [String] }
            output.result(JSON.encode(Document(directory: directory, created: created)))
        } else if created.isEmpty {
            output.result("Already initialised: strata.yaml, \(configuration.migrations)/ and \(configuration.schema)/ exist.")
        } else {
            output.result("Created " + created.joined(separator: ", ") + ".\nNext: `strata new create_users`, edit the file, then `strata up`.")
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot write \(path)", hint: "check the folder's permissions")
        }
    }
}
