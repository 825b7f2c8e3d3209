DROP TABLE order_events;
DROP TABLE order_lines;
DROP TABLE orders;
DELETE FROM counters WHERE name = 'order';
DROP TABLE products;
