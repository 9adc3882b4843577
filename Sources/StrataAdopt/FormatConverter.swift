/// One source tool's rules: which files are migrations and how they become drafts.
protocol FormatConverter: Sendable {
    /// The drafts in the order the tool applies them; every other file goes to `report`.
    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft]
}
