/**
 * The database: the connection pool, Flyway migrations and one class per group of tables. All SQL lives here;
 * the features get records.
 */
package org.feedletter.store;
