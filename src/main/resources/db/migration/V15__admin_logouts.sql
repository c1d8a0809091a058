-- Admin sessions ended by a logout before they expired: the session cookie is signed and carries its own expiry, so
-- the database keeps only what was ended early, and only until the session would have expired anyway. Every node
-- sharing the database refuses the cookie, also after a restart.
CREATE TABLE admin_logouts (
    session_nonce VARCHAR(64) PRIMARY KEY,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX admin_logouts_expires ON admin_logouts (expires_at);
