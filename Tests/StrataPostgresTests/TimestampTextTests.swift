import StrataPostgres
import Testing

/// A `timestamptz` read in the binary format comes back as ISO 8601 in UTC with
/// microseconds; PostgreSQL's own `to_char` is the oracle, on the test server.
@Suite("timestamptz as text")
struct TimestampTextTests {
    @Test func matchesToCharInUTC() async throws {
        try await Support.withSession { session in
            // Edges of the calendar arithmetic (epoch, leap days, century years, the
            // ends of the four-digit years) and a spread of values in between, in a
            // session whose own time zone is not UTC.
            try await session.execute("SET TIME ZONE 'America/St_Johns'")
            let rows = try await session.query("""
                WITH value(ts) AS (
                    SELECT x::timestamptz FROM unnest(ARRAY[
                        '2000-01-01 00:00:00+00', '1999-12-31 23:59:59.999999+00', '1970-01-01 00:00:00+00',
                        '1969-12-31 23:59:59.5+00', '1900-02-28 12:00:00+00', '1900-03-01 00:00:00+00',
                        '2000-02-29 06:07:08.000001+00', '2024-02-29 23:59:59.999999+00', '2100-03-01 00:00:00+00',
                        '0001-01-01 00:00:00+00', '1582-10-15 00:00:00+00', '9999-12-31 23:59:59.999999+00',
                        '2026-12-05 16:36:02.122999+00'
                    ]) AS x
                    UNION ALL
                    SELECT timestamptz '1000-01-01 00:00:00+00' + (i * 86400 * 36.5 + i * 1.000007) * interval '1 second'
                    FROM generate_series(0, 3000) AS i
                )
                SELECT ts, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM value
                """)
            #expect(rows.count == 3014)
            for row in rows {
                #expect(row[0] == row[1], "\(row.values)")
            }
            let infinite = try await session.query("SELECT 'infinity'::timestamptz, '-infinity'::timestamptz, NULL::timestamptz")
            #expect(infinite.first?.values == ["infinity", "-infinity", nil])
        }
    }
}
