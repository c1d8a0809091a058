-- The nodes sharing this database: when each was last seen and what it did, for `feedletter status`.
CREATE TABLE nodes (
    id               VARCHAR(200) PRIMARY KEY,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    feeds_polled     BIGINT NOT NULL DEFAULT 0,
    items_new        BIGINT NOT NULL DEFAULT 0,
    editions_built   BIGINT NOT NULL DEFAULT 0,
    messages_sent    BIGINT NOT NULL DEFAULT 0,
    last_poll_at     TIMESTAMP WITH TIME ZONE,
    last_edition_at  TIMESTAMP WITH TIME ZONE,
    last_delivery_at TIMESTAMP WITH TIME ZONE
);
