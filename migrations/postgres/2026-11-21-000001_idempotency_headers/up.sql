-- Replays repeat the headers a client acts on (Location, ETag), not only status and body.
ALTER TABLE idempotency_keys ADD COLUMN response_headers TEXT;
