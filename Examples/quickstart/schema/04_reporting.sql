CREATE VIEW user_order_totals AS
    SELECT u.id AS user_id, u.email, coalesce(sum(o.total_cents), 0) AS total_cents
    FROM users u LEFT JOIN orders o ON o.user_id = u.id
    GROUP BY u.id, u.email;

CREATE FUNCTION order_count(p_user bigint) RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM orders WHERE user_id = p_user;
END;
