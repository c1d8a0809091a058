package org.feedletter.store;

/** An item's title and sanitized HTML as stored, which an update is compared with. */
public record ItemText(String title, String contentHtml) {}
