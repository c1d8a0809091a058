/**
 * The merged feed: every item once, in Atom, RSS and JSON Feed, per newsletter too, built once per change and
 * served from memory with ETags; with a WebSub hub, each feed a topic the hub is told of when it changes
 * ({@link org.feedletter.web.mergedfeed.HubNotifier}); and the sources as OPML.
 */
package org.feedletter.web.mergedfeed;
