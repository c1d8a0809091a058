/**
 * Normalizing: a parsed entry becomes a {@link org.feedletter.ingest.normalize.CandidateItem} (its key in its
 * feed, canonical URL, public id, version hash, and, built only when asked for, its stored form and the openings
 * of its texts) through {@link org.feedletter.ingest.normalize.EntryNormalizer}: safe HTML and its text in one
 * parse ({@code HtmlSanitizer}, {@code CleanTreeWriter}), one-line plain text, the canonical form of a link and
 * the site it is on ({@code SiteDomain}), a note in the text that says where it was first published
 * ({@code Attribution}) and a republisher's preface above a rule ({@code Preface}). Pure functions of one entry: no
 * database, no other entry; polling and dedup both use it, it uses neither.
 */
package org.feedletter.ingest.normalize;
