import StrataTesting
import Testing

/// How a pg_dump text is normalised (no server needed).
@Suite struct SchemaDumpNormalisationTests {
    static let dump = #"""
        --
        -- PostgreSQL database dump
        --
        \restrict abc123

        SET statement_timeout = 0;
        SELECT pg_catalog.set_config('search_path', '', false);

        CREATE TABLE public.t (
            id integer NOT NULL,
            name text,
            CONSTRAINT t_name_check CHECK ((name <> ''::text))
        );

        -- Name: f(); Type: FUNCTION
        CREATE FUNCTION public.f() RETURNS integer
            LANGUAGE plpgsql
            AS $$
        begin
          perform 1; return 2;
        -- a comment inside the body
        SET LOCAL work_mem = '64MB';
        end $$;

        \unrestrict abc123
        """#

    @Test func dropsNoiseAndKeepsWholeStatements() {
        let statements = SchemaDump(text: Self.dump, options: .init(columnOrder: true)).statements
        #expect(statements.count == 2)
        #expect(statements.contains { $0.hasPrefix("CREATE FUNCTION public.f()") && $0.contains("perform 1; return 2;") })
        #expect(statements.contains { $0.contains("-- a comment inside the body\nSET LOCAL work_mem = '64MB';") }, "lines inside a body are kept")
        #expect(statements.contains("CREATE TABLE public.t (\n    id integer NOT NULL,\n    name text,\n    CONSTRAINT t_name_check CHECK ((name <> ''::text))\n)"))
        #expect(!statements.contains { $0.contains("restrict") || $0.contains("set_config") || $0.contains("statement_timeout") || $0.contains("Type: FUNCTION") })
    }

    @Test func tableBodiesCompareAsSetsUnlessColumnOrderCounts() {
        let reordered = Self.dump.replacingOccurrences(of: "    id integer NOT NULL,\n    name text,", with: "    name text,\n    id integer NOT NULL,")
        #expect(SchemaDump(text: Self.dump) == SchemaDump(text: reordered))
        #expect(SchemaDump(text: Self.dump, options: .init(columnOrder: true)) != SchemaDump(text: reordered, options: .init(columnOrder: true)))
    }

    @Test func ignoredStatementsAreLeftOut() {
        let options = SchemaDump.Options(ignoredPrefixes: ["CREATE FUNCTION"])
        #expect(SchemaDump(text: Self.dump, options: options).statements.count == 1)
        let fragments = SchemaDump.Options(ignoredFragments: ["perform 1"])
        #expect(SchemaDump(text: Self.dump, options: fragments).statements.count == 1)
    }

    @Test func differenceNamesBothSides() {
        let other = SchemaDump(statements: ["CREATE SCHEMA a", "CREATE SCHEMA b"])
        let mine = SchemaDump(statements: ["CREATE SCHEMA a", "CREATE SCHEMA c"])
        #expect(mine.difference(to: other) == "- CREATE SCHEMA c\n+ CREATE SCHEMA b")
    }
}
