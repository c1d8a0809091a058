/**
 * Bounces and complaints: what comes back about the mail we sent, from the bounce mailbox ({@link
 * org.feedletter.bounce.BounceMailbox}), a mail service's webhook or the SMTP server's own refusal, read into
 * {@link org.feedletter.bounce.ParsedReport}s ({@link org.feedletter.bounce.ReportParser}: RFC 3464 delivery status
 * notifications, RFC 5965 feedback reports, the common non-standard bounces), tied to the outbox row it is about
 * (signed VERP or our Message-ID, {@link org.feedletter.bounce.ReportRecorder}) and decided on by
 * {@link org.feedletter.bounce.BouncePolicy}: suppress at once, count, or only record.
 */
package org.feedletter.bounce;
