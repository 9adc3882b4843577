/// The catalog queries of observed mode, one per question. Every name is qualified with
/// `pg_catalog`, so that a migration's `search_path` cannot change what they read. System
/// relations are those with an oid below 16384 (`FirstNormalObjectId`): everything `initdb`
/// made, `pg_catalog` and `information_schema` included.
enum ObservationQueries {
    /// Every relation with storage in the user's schemas (TOAST indexes aside):
    /// `oid, relkind, nspname, relname, relfilenode, table oid, regclass`.
    static let relations = """
        SELECT c.oid::text, c.relkind::text, n.nspname::text, c.relname::text, c.relfilenode::text,
               COALESCE(x.indrelid, o.oid, c.oid)::text, c.oid::pg_catalog.regclass::text
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid
        LEFT JOIN pg_catalog.pg_class o ON c.relkind = 't' AND o.reltoastrelid = c.oid
        WHERE c.relkind IN ('r', 'm', 'i', 't') AND c.oid >= 16384
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND NOT (c.relkind = 'i' AND n.nspname ~ '^pg_toast')
        """

    /// ``relations`` whose catalog row was written since the sync point `$1` (an xid from
    /// ``syncPoint``): created, given a new file, renamed or otherwise changed since. Cheap
    /// where ``relations`` reads the whole catalog.
    static let relationsChangedSince = relations + """

          AND pg_catalog.age(c.xmin) <= pg_catalog.age($1::text::pg_catalog.xid)
        """

    /// The first transaction id not yet given out: every catalog row written from now on has
    /// an xmin at or after it.
    static let syncPoint = """
        SELECT (pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text::bigint % 4294967296)::text
        """

    /// Which of the oids `$1` (an array literal `{…}`) no longer name a relation.
    static let gone = """
        SELECT o::text FROM pg_catalog.unnest($1::text::pg_catalog.oid[]) AS o
        WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = o)
        """

    /// Run in the statement's own transaction after it, one row per fact, the first column
    /// saying which:
    /// - `L`: a relation lock of this backend: `oid, relkind, nspname, regclass, mode, granted`
    ///   (relkind and nspname null for a relation dropped in this transaction);
    /// - `F`: a relation with storage of a table this backend has locked (the table, its TOAST
    ///   table, its indexes), as in ``relations`` without the regclass;
    /// - `S`: the sequential scans counted so far for a locked table: `oid, count`.
    static let afterStatement = """
        WITH held AS (
            SELECT l.relation, l.mode, l.granted
            FROM pg_catalog.pg_locks l
            WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.relation >= 16384
              AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
        ), locked AS (
            SELECT DISTINCT relation AS oid FROM held
        ), members AS (
            SELECT oid AS member FROM locked
            UNION SELECT x.indexrelid FROM pg_catalog.pg_index x WHERE x.indrelid IN (SELECT oid FROM locked)
            UNION SELECT c.reltoastrelid FROM pg_catalog.pg_class c WHERE c.oid IN (SELECT oid FROM locked) AND c.reltoastrelid <> 0
        )
        SELECT 'L', h.relation::text, c.relkind::text, n.nspname::text, h.relation::pg_catalog.regclass::text, h.mode, h.granted::text
        FROM held h
        LEFT JOIN pg_catalog.pg_class c ON c.oid = h.relation
        LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        UNION ALL
        SELECT 'F', c.oid::text, c.relkind::text, n.nspname::text, c.relname::text, c.relfilenode::text,
               COALESCE(x.indrelid, o.oid, c.oid)::text
        FROM members m
        JOIN pg_catalog.pg_class c ON c.oid = m.member
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid
        LEFT JOIN pg_catalog.pg_class o ON c.relkind = 't' AND o.oid IN (SELECT oid FROM locked) AND o.reltoastrelid = c.oid
        WHERE c.relkind IN ('r', 'm', 'i', 't') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        UNION ALL
        SELECT 'S', c.oid::text, pg_catalog.pg_stat_get_xact_numscans(c.oid)::text, NULL, NULL, NULL, NULL
        FROM pg_catalog.pg_class c
        WHERE c.oid IN (SELECT oid FROM locked) AND c.relkind IN ('r', 'm')
        """

    /// The sequential scans this backend has counted and not yet reported, per table:
    /// `oid, count`. Read right after BEGIN, as the base the statements' counts start from
    /// (PostgreSQL reports a backend's counts only between transactions).
    static let pendingScans = """
        SELECT c.oid::text, pg_catalog.pg_stat_get_xact_numscans(c.oid)::text
        FROM pg_catalog.pg_class c
        WHERE c.relkind IN ('r', 'm') AND c.oid >= 16384 AND pg_catalog.pg_stat_get_xact_numscans(c.oid) > 0
        """

    /// From a second session, the locks of the backend `$1`: `locktype, oid, regclass, mode,
    /// granted` (a relation created and not yet committed prints as its oid).
    static let locksOfBackend = """
        SELECT l.locktype, l.relation::text, l.relation::pg_catalog.regclass::text, l.mode, l.granted::text
        FROM pg_catalog.pg_locks l
        WHERE l.pid = $1::int AND (l.locktype <> 'relation' OR l.relation >= 16384)
        """
}
