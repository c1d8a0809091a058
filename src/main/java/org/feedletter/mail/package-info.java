/**
 * Sending: the outbox deliverer claims rows, has the message built and sends it through a
 * {@link org.feedletter.mail.MailTransport} (SMTP or files), and records sent, retry or failed per row.
 */
package org.feedletter.mail;
