/**
 * OPML subscription lists: reading an operator's list to import feeds, writing the sources for readers.
 */
package org.feedletter.feed.opml;
