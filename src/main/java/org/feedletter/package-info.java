/**
 * feedletter: turns publication feeds into email newsletters and one merged feed. {@link org.feedletter.Main} is the
 * command line's entry; {@link org.feedletter.Feedletter} the composition root, which builds every part once, wires
 * them by hand and hands them out, running nothing itself: {@link org.feedletter.Service} runs the service and
 * {@link org.feedletter.WebSide} the HTTP side; the other classes here are what the root builds with (the lazily
 * built working parts, the operations, the routes). docs/ARCHITECTURE.md maps the packages.
 */
package org.feedletter;
