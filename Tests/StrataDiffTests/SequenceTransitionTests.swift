import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures

/// Sequence and identity options that narrow the range bring the current value into it
/// first; options that keep or widen it are one statement.
@Suite struct SequenceTransitionTests {
    static let s = F.name("s")
    static let t = F.name("t")

    static func sequence(_ options: SequenceOptions) -> Schema {
        F.schema(sequences: [StrataSchema.Sequence(name: s, options: options)])
    }

    static func identity(_ options: SequenceOptions) -> Schema {
        F.schema(tables: [Table(name: t, columns: [
            Column(name: "a", type: "integer", isNotNull: true, identity: .init(generation: .always, options: options)),
        ])])
    }

    static func restart(_ reference: String, _ start: Int64, _ range: ClosedRange<Int64>) -> String {
        "SELECT pg_catalog.setval(s.seq, \(start), false) FROM (SELECT \(reference) AS seq) s"
            + " WHERE coalesce(pg_catalog.pg_sequence_last_value(s.seq) NOT BETWEEN \(range.lowerBound) AND \(range.upperBound), true)"
    }

    static let integer = SequenceOptions(dataType: "integer", maxValue: 2147483647)
    static let sequenceReference = "'public.s'::pg_catalog.regclass"
    static let identityReference = "pg_catalog.pg_get_serial_sequence('public.t', 'a')::pg_catalog.regclass"

    static let cases: [DiffCase] = [
        DiffCase(
            "a wider range is one statement",
            from: sequence(SequenceOptions(start: 10, minValue: 10, maxValue: 1000)), to: sequence(SequenceOptions(start: 10, minValue: 1, maxValue: 5000)),
            sql: ["ALTER SEQUENCE public.s MINVALUE 1 MAXVALUE 5000"], hazards: [[]]
        ),
        DiffCase(
            "minimum and start move up together",
            from: sequence(SequenceOptions()), to: sequence(SequenceOptions(start: 100, minValue: 100)),
            sql: [restart(sequenceReference, 100, 100...Int64.max), "ALTER SEQUENCE public.s MINVALUE 100 START WITH 100"],
            hazards: [["sequence-restart"], []]
        ),
        DiffCase(
            "a range past the old one is widened first",
            from: sequence(SequenceOptions(minValue: 1, maxValue: 10)), to: sequence(SequenceOptions(start: 100, minValue: 100, maxValue: 1000)),
            sql: [
                "ALTER SEQUENCE public.s MAXVALUE 1000",
                restart(sequenceReference, 100, 100...1000),
                "ALTER SEQUENCE public.s MINVALUE 100 START WITH 100",
            ]
        ),
        DiffCase(
            "an identity column's range narrows",
            from: identity(integer), to: identity(SequenceOptions(dataType: "integer", start: 5, maxValue: 10)),
            sql: [restart(identityReference, 5, 1...10), "ALTER TABLE public.t ALTER COLUMN a SET MAXVALUE 10 SET START WITH 5"],
            hazards: [["sequence-restart"], ["blocking-lock"]]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws {
        try testCase.check()
    }
}
