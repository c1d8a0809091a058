-- Near-duplicate candidates are found in an in-memory index of band keys that each process builds from
-- item_fingerprints (ingest.NearDuplicateIndex). The band rows, 24 per fingerprinted item, were most of what a new
-- item wrote and most of what ingest spent its time on; they are no longer written or read.
DROP TABLE item_fingerprint_bands;

-- One lock row, holding the last fingerprint sequence number: each transaction that writes fingerprints takes the
-- next number under the lock and stamps its rows with it, so an index catches up with what other processes wrote
-- by reading the rows numbered after the last it has read.
DELETE FROM dedup_locks WHERE slot <> 0;
ALTER TABLE dedup_locks ADD COLUMN seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE item_fingerprints ADD COLUMN seq BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX item_fingerprints_seq ON item_fingerprints (seq);
