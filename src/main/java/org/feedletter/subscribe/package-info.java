/**
 * Subscribers: sign-up with double opt-in, signed links (confirm, preferences, unsubscribe), self-service
 * changes, rate limits, and seeding from the config.
 */
package org.feedletter.subscribe;
