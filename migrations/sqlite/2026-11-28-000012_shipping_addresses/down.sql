DROP TABLE shipping_addresses;
