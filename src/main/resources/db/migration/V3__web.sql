-- Subscribers on the web: revocable links, periodic digests, and what the merged feed and archive read.

-- Part of every signed unsubscribe and preferences link; raising it makes the links in earlier mails stop working.
ALTER TABLE subscribers ADD COLUMN token_version INT DEFAULT 0 NOT NULL;

-- Daily and weekly digests: per subscription, the newest edition already sent (or passed over) and when the next
-- periodic digest is due in the subscriber's own time zone. Null for subscribers who take each edition.
ALTER TABLE subscriptions ADD COLUMN last_edition_id BIGINT;
ALTER TABLE subscriptions ADD COLUMN next_digest_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX subscriptions_next_digest ON subscriptions (next_digest_at);

-- The resend interval of confirmations looks up a subscriber's latest confirmation mail.
CREATE INDEX outbox_subscriber_kind ON outbox (subscriber_id, kind, created_at);

-- The archive lists a newsletter's sent editions, newest first.
CREATE INDEX editions_newsletter_built ON editions (newsletter_id, built_at);
