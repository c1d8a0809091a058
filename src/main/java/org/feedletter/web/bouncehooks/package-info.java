/**
 * The webhooks mail services call with bounces and complaints, served only with a web section and a bounces section
 * that names them: {@code POST /webhooks/ses} (Amazon SES through SNS, the SNS message signature verified with the
 * certificate from {@code sns.<region>.amazonaws.com}) and {@code POST /webhooks/mailgun} (HMAC-SHA256 with the
 * webhook signing key, stale timestamps refused). What they report is recorded through
 * {@link org.feedletter.bounce.ReportRecorder}, once per event, under the same policy as the bounce mailbox.
 */
package org.feedletter.web.bouncehooks;
