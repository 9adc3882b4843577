/// Which test server a database is made on: tests of many servers (fleets) use two.
///
/// The second is `STRATA_TEST_SECOND_URL` when set (next to `STRATA_TEST_URL`), else a
/// second local cluster of the test process, started on first use on its own port and
/// removed when the process exits, like the first.
public enum TestCluster: Sendable, Hashable {
    case first
    case second
}
