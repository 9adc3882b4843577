-- Built without locking writes, so it runs outside a transaction.
-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);

-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;
