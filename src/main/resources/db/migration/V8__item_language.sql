-- The language a feed gave an item (a BCP 47 tag such as en-GB), for newsletters that filter by language.
-- Null when the feed did not say; items stored before this column existed stay null until their feed changes them.
ALTER TABLE items ADD COLUMN language VARCHAR(35);
