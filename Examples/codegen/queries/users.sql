-- name: UserByEmail :one
-- citext: the comparison stays case-insensitive.
SELECT id, email, name, nickname, tags, created_at FROM users WHERE email = @email;

-- name: UsersWithIDs :many
SELECT id, name FROM users WHERE id = ANY(@ids) ORDER BY id;

-- name: RenameUser :execrows
UPDATE users SET name = @name, nickname = strata.narg(nickname) WHERE id = @id;

-- name: CountUsers :one
SELECT count(*) AS users, max(created_at) AS newest FROM users;

-- name: UserOrderCounts :many
SELECT id, email, orders FROM user_order_counts ORDER BY id;
