DROP TABLE temperature_readings;
DROP TABLE shipment_events;
DROP TABLE shipments;
