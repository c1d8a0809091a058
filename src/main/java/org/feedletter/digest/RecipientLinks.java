package org.feedletter.digest;

/**
 * The personal links in one recipient's digest.
 *
 * @param unsubscribe an https URL that unsubscribes at one click (RFC 8058), or a mailto: placeholder
 * @param unsubscribeMailto a mailto: URL for List-Unsubscribe, or null
 * @param preferences where the recipient changes what they get, or null
 * @param viewInBrowser the edition in the archive, or null
 */
public record RecipientLinks(String unsubscribe, String unsubscribeMailto, String preferences, String viewInBrowser) {}
