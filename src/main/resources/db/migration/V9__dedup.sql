-- Near-duplicates across feeds (issue 7). Portable between H2 and PostgreSQL.

-- Why each entry joined its item, in words and figures: the URL that matched, or the fingerprint's similarity.
ALTER TABLE item_sources ADD COLUMN evidence VARCHAR(1000);

-- One row per item with a text long enough to compare: its title's words and its opening's word shingles.
CREATE TABLE item_fingerprints (
    item_id      BIGINT        PRIMARY KEY REFERENCES items (id),
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    title_words  VARCHAR(1000) NOT NULL,
    shingles     VARCHAR(1000) NOT NULL,            -- 32-bit hashes as hex, 8 characters each, sorted
    words        INT           NOT NULL
);

-- MinHash band keys: candidates are found by key within the date window, never by scanning items.
CREATE TABLE item_fingerprint_bands (
    band_key     BIGINT NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    item_id      BIGINT NOT NULL REFERENCES items (id),
    PRIMARY KEY (band_key, published_at, item_id)
);
CREATE INDEX item_fingerprint_bands_item ON item_fingerprint_bands (item_id);

-- Other URLs that stand for an item: a merged entry's own URL (kind 'url') and the originals an item declares
-- (kind 'declared'), so a later entry under any of them joins the item.
CREATE TABLE item_aliases (
    public_id VARCHAR(100) NOT NULL,                -- as items.public_id: derived from the canonical URL
    item_id   BIGINT       NOT NULL REFERENCES items (id),
    kind      VARCHAR(16)  NOT NULL,
    url       VARCHAR(2048) NOT NULL,
    PRIMARY KEY (public_id, item_id)
);
CREATE INDEX item_aliases_item ON item_aliases (item_id);

-- Narrow locks for inserting fingerprinted items: one row per slot of the band key space. An ingest locks the
-- slots of its new items' band keys (sorted, so never a deadlock) before looking for candidates; two feeds
-- bringing near-duplicates at once share a slot and go one after the other, everything else runs in parallel.
CREATE TABLE dedup_locks (
    slot INT PRIMARY KEY
);
INSERT INTO dedup_locks (slot)
SELECT a.d * 256 + b.d * 16 + c.d
FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS a (d)
CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS b (d)
CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS c (d);
