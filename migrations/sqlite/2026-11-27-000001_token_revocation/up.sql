-- Ending a user's sessions (deactivation, role change, password change, sign out everywhere)
-- bumps the generation; access tokens carry the generation they were issued under, and every
-- API process refuses older ones within seconds (it reloads the recently bumped users).
ALTER TABLE users ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN tokens_revoked_at TIMESTAMP;
CREATE INDEX users_tokens_revoked ON users (tokens_revoked_at);
