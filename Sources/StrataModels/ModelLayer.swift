import Foundation

/// One layer: a folder of model files, merged after the layers before it.
public struct ModelLayer: Sendable, Hashable {
    /// As messages and the generated file's header show it, e.g. `models/shared`.
    public var path: String
    public var files: [ModelSourceFile]

    public init(path: String, files: [ModelSourceFile]) {
        self.path = path
        self.files = files
    }

    /// Reads every `*.yaml` and `*.yml` file under `path`, recursively, in path order.
    ///
    /// - Throws: ``ModelError`` when the folder is missing or a file is not UTF-8.
    public static func read(path: String, displayPath: String) throws(ModelError) -> ModelLayer {
        var isDirectory: ObjCBool = false
        let origin = ModelLocation(file: displayPath, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelError(origin, "the model layer folder \(displayPath) does not exist", hint: "create it, or fix `models:` in strata.yaml")
        }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var relativePaths = (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        relativePaths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var files: [ModelSourceFile] = []
        for relative in relativePaths {
            let shown = (displayPath as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(relative)),
                  let text = String(data: data, encoding: .utf8)
            else {
                throw ModelError(ModelLocation(file: shown, line: 1, column: 1), "\(shown) cannot be read as UTF-8 text")
            }
            files.append(ModelSourceFile(displayPath: shown, text: text))
        }
        return ModelLayer(path: displayPath, files: files)
    }
}
