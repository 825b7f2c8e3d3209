DELETE FROM counters WHERE name = 'support';
DROP TABLE support_tickets;
