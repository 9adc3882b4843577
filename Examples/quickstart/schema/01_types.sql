-- Types come first: files load in name order.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
