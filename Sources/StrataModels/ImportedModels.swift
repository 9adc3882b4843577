/// The files of one imported layer, and what they leave out.
public struct ImportedModels: Sendable, Hashable {
    /// One model file: its path relative to the layer folder (with `/`), and its YAML.
    public struct File: Sendable, Hashable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// In a fixed order: `schemas.yaml`, `extensions.yaml`, `types.yaml`,
    /// `sequences.yaml`, `functions.yaml`, `tables/….yaml` (by table), `views.yaml`;
    /// a file with nothing to declare is left out.
    public var files: [File]
    /// Objects (or parts of them) the format cannot express, as `kind name: reason`,
    /// e.g. `composite type public.pair: composite types are not in the model format`.
    public var skipped: [String]

    public init(files: [File] = [], skipped: [String] = []) {
        self.files = files
        self.skipped = skipped
    }

    /// The file at `path`, if any.
    public func file(_ path: String) -> File? { files.first { $0.path == path } }
}
