import Foundation

/// The public test fixtures vendored in `Tests/Fixtures` of this repository (see its
/// README for their sources and licences), found from this file's own path, so that
/// they are there in any clone, wherever it is.
public enum Fixtures {
    /// `Tests/Fixtures` of the repository this file was compiled from.
    public static let directory: String = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // StrataTesting
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // the repository
            .appendingPathComponent("Tests/Fixtures")
            .path
    }()

    /// A path inside ``directory``, e.g. `realworld/pagila/pagila-schema.sql`.
    public static func path(_ relative: String) -> String {
        directory + "/" + relative
    }
}
