/**
 * Feed parsing: bytes from a fetch in, our own records out.
 *
 * <p>{@link org.feedletter.feed.parse.FeedParser} is the one entry point. It decodes the body
 * ({@code BodyText}: byte-order mark, HTTP charset, XML prolog, UTF-8; illegal XML characters dropped), looks at
 * what it is ({@code BodySniffer}), and hands it on:
 * <ul>
 *   <li>XML to {@code HardenedXmlParser} (JDK SAX parser, nothing external ever loaded, tight limits), retried
 *       once through {@code XmlHealer} if ill-formed, then to {@code RomeFeedReader}, the only class that uses
 *       Rome, with {@code ItemElements} reading what Rome drops or reads slowly;</li>
 *   <li>JSON to {@code JsonFeedReader} (Jackson);</li>
 *   <li>HTML to {@code FeedLinkDiscovery} (jsoup), for the feeds a page links to.</li>
 * </ul>
 * Readers fill an {@code EntryBuilder} per entry; {@code FeedText}, {@code FeedDates} and {@code Links} hold the
 * text, date and URL rules every format shares.
 */
package org.feedletter.feed.parse;
