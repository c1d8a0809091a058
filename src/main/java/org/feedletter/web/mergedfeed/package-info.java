/**
 * The merged feed: every item once, in Atom, RSS and JSON Feed, per newsletter too, built once per change and
 * served from memory with ETags; and the sources as OPML.
 */
package org.feedletter.web.mergedfeed;
