-- What an entry's full text says after its opening (the next 60 words, as 3-word shingle hashes like the openings'):
-- a series' standing introduction fills the openings of all its instalments alike, and only what follows tells them
-- apart. Entries stored before have none, and are compared by their openings as before.
ALTER TABLE item_sources ADD COLUMN continuation_shingles ${binary};
ALTER TABLE item_sources ADD COLUMN continuation_words INT;
