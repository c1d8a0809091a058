/**
 * The database: the connection pool, Flyway migrations and one class per group of tables. All SQL lives here;
 * the features get records. Ingest works in an {@link org.feedletter.store.IngestTransaction}, whose parts read and
 * write one concern each.
 */
package org.feedletter.store;
