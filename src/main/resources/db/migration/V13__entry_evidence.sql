-- Item identity (issue 15): an item's facts are a function of the entries that carried it, so each entry keeps
-- what it said (its facts) and what tells which piece it is (its evidence). Portable between H2 and PostgreSQL;
-- V14 fills these columns for the entries stored before them.

-- Numbered under the identity lock like the fingerprints were: each process's candidate index reads the entries
-- written after the last number it read (other threads', other nodes').
ALTER TABLE item_sources ADD COLUMN seq BIGINT DEFAULT 0 NOT NULL;

-- The entry's facts, as its feed gave them (cleaned). The item shows one entry's (its representative's), with the
-- categories of all. Its HTML is kept here once its item has a second entry; an item's only entry's HTML is the
-- item's own, stored once.
ALTER TABLE item_sources ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE item_sources ADD COLUMN canonical_url VARCHAR(2048);
ALTER TABLE item_sources ADD COLUMN link VARCHAR(2048);
ALTER TABLE item_sources ADD COLUMN title VARCHAR(1000);
ALTER TABLE item_sources ADD COLUMN author VARCHAR(500);
ALTER TABLE item_sources ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE item_sources ADD COLUMN excerpt VARCHAR(2000);
ALTER TABLE item_sources ADD COLUMN categories VARCHAR(4000);
ALTER TABLE item_sources ADD COLUMN language VARCHAR(35);
ALTER TABLE item_sources ADD COLUMN content_html VARCHAR(1000000);

-- The entry's evidence: the canonical URLs it names as its original (one per line), its marks (own site, copy),
-- its title folded without its feed's affixes, its authors as surname:initial, and the 3-word shingle hashes of the
-- openings of its summary and of its content (4 bytes each, ascending).
ALTER TABLE item_sources ADD COLUMN declared VARCHAR(4000);
ALTER TABLE item_sources ADD COLUMN marks VARCHAR(100);
ALTER TABLE item_sources ADD COLUMN title_key VARCHAR(1000);
ALTER TABLE item_sources ADD COLUMN author_key VARCHAR(500);
ALTER TABLE item_sources ADD COLUMN summary_shingles ${binary};
ALTER TABLE item_sources ADD COLUMN summary_words INT;
ALTER TABLE item_sources ADD COLUMN content_shingles ${binary};
ALTER TABLE item_sources ADD COLUMN content_words INT;
CREATE INDEX item_sources_seq ON item_sources (seq);

-- Editions also consider items whose facts changed since (a publisher's categories arriving after a copy).
CREATE INDEX items_changed ON items (changed_at);

-- An item merged into another (one entry turned out to be a copy of both) answers to its old public id.
-- item_aliases.kind 'merged' marks it; no schema change needed.

-- One item per canonical URL is kept by ingest's identity lock (each ingest checks, holding it, that no entry under
-- its new items' URLs was committed since it looked, and runs again if one was), not by a unique index: feeds insert
-- their new items in parallel before taking the lock, and a unique index made an ingest holding the lock wait for
-- another's uncommitted insert of the same URL while that one waited for the lock (H2 does not see such a cycle).
ALTER TABLE items DROP CONSTRAINT items_public_id_unique;
CREATE INDEX items_public_id ON items (public_id);
