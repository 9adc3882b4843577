import Yams

extension ProjectConfiguration {
    /// `backup: {before_up: protected|always|never, dir: .strata/backups, keep: 10}`.
    public struct Backup: Sendable, Equatable {
        /// When `strata up` takes a backup first.
        public enum BeforeUp: String, Sendable, CaseIterable {
            /// Before `up` on a protected environment (the default): where a bad
            /// migration costs the most and a deploy can afford the minutes.
            case protected
            /// Before every `up`.
            case always
            /// Never.
            case never
        }

        /// When `up` takes a backup; it does so only when a migration is pending.
        public var beforeUp = BeforeUp.protected
        /// The folder for archives Strata names itself (relative to the project).
        public var directory = ".strata/backups"
        /// How many archives of each environment and database the folder keeps (the
        /// newest); 0 keeps every one.
        public var keep = 10

        public init() {}

        /// Whether `up` on an environment backs it up first.
        public func backsUpBeforeUp(protected isProtected: Bool) -> Bool {
            switch beforeUp {
            case .always: return true
            case .protected: return isProtected
            case .never: return false
            }
        }
    }

    /// The backup folder as an absolute path.
    public var backupPath: String { resolve(backup.directory) }
}

extension ConfigurationReader {
    /// `backup: { before_up: protected|always|never, dir: folder, keep: N }`.
    func backup(_ node: Node) throws -> ProjectConfiguration.Backup {
        var result = ProjectConfiguration.Backup()
        for (keyNode, value) in try mapping(node, key: "backup") {
            let key = try string(keyNode, key: "a key")
            switch key {
            case "before_up":
                let text = try string(value, key: "backup.before_up")
                guard let mode = ProjectConfiguration.Backup.BeforeUp(rawValue: text) else {
                    throw fail(
                        "backup.before_up must be protected, always or never, not \"\(text)\"", value,
                        hint: "protected: before up on protected environments; always: before every up; never: no backups from up"
                    )
                }
                result.beforeUp = mode
            case "dir":
                result.directory = try string(value, key: "backup.dir")
                if result.directory.isEmpty { throw fail("backup.dir must not be empty", value) }
            case "keep":
                let text = try string(value, key: "backup.keep")
                guard let keep = Int(text), keep >= 0 else {
                    throw fail("backup.keep must be a whole number of archives (0 keeps all), not \"\(text)\"", value)
                }
                result.keep = keep
            default:
                throw fail("unknown key \"\(key)\" in backup", keyNode, hint: "backup has before_up, dir and keep")
            }
        }
        return result
    }
}
