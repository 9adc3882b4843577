import StrataMigrate

extension SchemaFiles {
    /// These files with the scripts around them, as an `up` runs them: the `pre` scripts
    /// first, then these files, then every repeatable script and the `post` scripts. A
    /// script that is not readable or parseable fails the load naming its file, as it
    /// would fail `up`.
    public func surrounded(by scripts: MigrationScripts) throws -> SchemaFiles {
        if let problem = scripts.problems.first {
            throw GenerateError(
                .schemaFile, problem.message, hint: problem.hint, file: problem.file, line: problem.line, column: problem.column
            )
        }
        func files(_ scripts: [Migration]) -> [File] {
            scripts.map { File(displayPath: $0.path ?? $0.name, text: $0.text ?? "") }
        }
        return SchemaFiles(files: files(scripts.pre) + self.files + files(scripts.repeatables) + files(scripts.post))
    }
}
