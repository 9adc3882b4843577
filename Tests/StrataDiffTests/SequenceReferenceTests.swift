import StrataSchema
import Testing
@testable import StrataDiff

/// Column defaults name their sequences in `'…'::regclass` literals; the catalog finds
/// them by reading the literal, not by trying every sequence.
@Suite struct SequenceReferenceTests {
    @Test func regclassLiteralsAreReadWithDoubledQuotes() {
        #expect(SchemaCatalog.regclassLiterals(in: "nextval('public.t_id_seq'::regclass)") == ["public.t_id_seq"])
        #expect(SchemaCatalog.regclassLiterals(in: #"nextval('app."We''ird Seq"'::regclass)"#) == [#"app."We'ird Seq""#])
        #expect(SchemaCatalog.regclassLiterals(in: "(nextval('a.s1'::regclass) + nextval('a.s2'::regclass))") == ["a.s1", "a.s2"])
        #expect(SchemaCatalog.regclassLiterals(in: "'x'::text").isEmpty)
    }

    @Test func aSerialColumnDependsOnItsSequenceWhateverItsName() {
        let sequences = [QualifiedName("public", "t_id_seq"), QualifiedName("app", "Odd Seq")]
        let schema = Schema(
            namespaces: [Namespace(name: "public"), Namespace(name: "app")],
            sequences: sequences.map { Sequence(name: $0) },
            tables: [Table(name: QualifiedName("public", "t"), columns: [
                Column(name: "id", type: "integer", isNotNull: true, defaultExpression: "nextval('public.t_id_seq'::regclass)"),
                Column(name: "other", type: "integer", defaultExpression: #"nextval('app."Odd Seq"'::regclass)"#),
            ])]
        )
        let catalog = SchemaCatalog(schema)
        #expect(catalog.sequencesReferenced(by: "nextval('public.t_id_seq'::regclass)") == [QualifiedName("public", "t_id_seq")])
        #expect(catalog.sequencesReferenced(by: #"nextval('app."Odd Seq"'::regclass)"#) == [QualifiedName("app", "Odd Seq")])
        #expect(catalog.sequencesReferenced(by: "nextval('public.missing_seq'::regclass)").isEmpty)
        #expect(catalog.dependencies(of: .column(table: QualifiedName("public", "t"), name: "other")).contains(.sequence(QualifiedName("app", "Odd Seq"))))
    }
}
