package org.feedletter.digest;

import java.time.ZoneId;

/** Who a digest is rendered for: dates are shown in their time zone, links are theirs. */
public record Recipient(String email, ZoneId timeZone, RecipientLinks links) {}
