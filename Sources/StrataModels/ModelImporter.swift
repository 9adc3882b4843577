import StrataSchema

/// Writes an introspected ``Schema`` as one layer of model files (`strata models import`).
///
/// Pure: a schema in, file texts out; the command writes them. The output is
/// deterministic — the same schema, whatever the order of its lists, gives the same
/// files byte for byte — and every constraint and index carries its name, so that
/// compiling the files gives back the same names. SQL text (defaults, checks, queries,
/// function bodies) is kept exactly as PostgreSQL deparsed it.
///
/// What the format cannot express is listed in ``ImportedModels/skipped`` instead of
/// being approximated: composite types, collations, disabled triggers, index storage
/// parameters and the like, each with its reason, for a hand-written `.sql` file.
public struct ModelImporter: Sendable {
    public init() {}

    /// One layer of model files for `schema`: relative paths → YAML text, plus what
    /// could not be represented.
    public func importSchema(_ schema: Schema) -> ImportedModels {
        var run = SchemaImport(schema: schema.sorted())
        return run.run()
    }
}
