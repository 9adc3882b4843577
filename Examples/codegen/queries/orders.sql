-- name: CreateOrder :one
INSERT INTO orders (user_id, status, total, note, details)
VALUES (@user_id, @status, @total, @note, strata.narg(details))
RETURNING id, status, total, note, details, placed_on, total_with_tax;

-- name: OrdersWithUsers :many
-- Every user, with their orders when they have some (the order side may be NULL).
SELECT u.name, o.id AS order_id, o.status, coalesce(o.note, '') AS note, o.total
FROM users u LEFT JOIN orders o ON o.user_id = u.id
ORDER BY u.name, o.id;

-- name: OrdersByStatus :many
SELECT id, user_id, status FROM orders WHERE status = ANY(@statuses) AND user_id = @user_id ORDER BY id;

-- name: MarkPaid :exec
UPDATE orders SET status = 'paid' WHERE id = @id AND status = @from_status;

-- name: OrderTotal :one
SELECT sum(total) AS total, count(*) AS "orders!", (ROW(1, 'EUR')::money_amount) AS sample FROM orders WHERE user_id = @user_id;
