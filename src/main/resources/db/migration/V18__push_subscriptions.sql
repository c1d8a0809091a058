-- WebSub, the subscriber side: a feed that names a hub is subscribed to at that hub, which then pushes the feed's new
-- content to our callback, <web.base-url>/websub/<callback_id>. One row per feed with a subscription (live or not);
-- a feed without a hub, or that push was never tried for, has none.
CREATE TABLE push_subscriptions (
    feed_id          BIGINT        PRIMARY KEY REFERENCES feeds (id),
    hub              VARCHAR(2048) NOT NULL,
    topic            VARCHAR(2048) NOT NULL,          -- the feed's self URL, as the subscription names it
    callback_id      VARCHAR(64)   NOT NULL,          -- random, new with each subscription: unguessable
    secret           VARCHAR(100)  NOT NULL,          -- hub.secret, random, new with each subscription
    state            VARCHAR(16)   NOT NULL,          -- subscribing | live | failed | lapsed | unsubscribing
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL, -- when the last (re)subscription was asked for
    lease_until      TIMESTAMP WITH TIME ZONE,        -- when the hub's lease ends, as its verification said
    next_attempt_at  TIMESTAMP WITH TIME ZONE,        -- when to ask the hub next: a renewal, or a retry after failing
    failures         INT           NOT NULL DEFAULT 0, -- failed attempts in a row
    last_error       VARCHAR(2000),
    last_push_at     TIMESTAMP WITH TIME ZONE,
    pushes_accepted  BIGINT        NOT NULL DEFAULT 0,
    pushes_refused   BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT push_subscriptions_callback_unique UNIQUE (callback_id)
);
CREATE INDEX push_subscriptions_next ON push_subscriptions (state, next_attempt_at);
