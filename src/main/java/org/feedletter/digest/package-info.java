/**
 * Editions and their rendering: which items a newsletter sends (its filter, schedule and what came since the last
 * edition), and the digest mail of an edition for each subscriber (Freemarker templates, per time zone).
 */
package org.feedletter.digest;
