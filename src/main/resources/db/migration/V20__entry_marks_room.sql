-- An entry's marks gain a flag (its date tells nothing): room for every flag beside the longest credited host.
ALTER TABLE item_sources ALTER COLUMN marks SET DATA TYPE VARCHAR(120);
