-- Built without locking writes, so it runs outside a transaction. No IF NOT EXISTS: after a
-- failed build, drop the INVALID index it leaves and run again (strata lint explains why).
-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);

-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;
