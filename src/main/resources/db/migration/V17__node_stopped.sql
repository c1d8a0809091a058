-- When a node stopped cleanly (null while it runs, or when it was killed): status tells a stopped node from a
-- running one, which "last seen" alone could not right after a run --once.
ALTER TABLE nodes ADD COLUMN stopped_at TIMESTAMP WITH TIME ZONE;
