/**
 * feedletter: turns publication feeds into email newsletters and one merged feed. {@link org.feedletter.Main} is the
 * command line's entry; {@link org.feedletter.Feedletter} the composition root, which builds every part once and
 * wires them by hand. docs/ARCHITECTURE.md maps the packages.
 */
package org.feedletter;
