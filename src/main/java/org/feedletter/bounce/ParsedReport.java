package org.feedletter.bounce;

import java.util.List;

/**
 * What one message of the bounce mailbox (or one webhook event) says.
 *
 * @param format how it was read, for the evidence: "RFC 3464", "RFC 5965 ARF", "qmail", "Exim", "auto-reply", ...
 * @param recipients one per recipient reported on; never empty (a report naming nobody has one with a null address)
 * @param originalMessageId the Message-ID of the message it is about, when the report quotes it
 * @param text where a VERP address of ours may be found: the report's own headers (who it was sent to) and the
 *     original message's, as they came
 * @param originalListUnsubscribe the original message's List-Unsubscribe header, when the report quotes it
 */
public record ParsedReport(String format, List<Recipient> recipients, String originalMessageId, String text,
        String originalListUnsubscribe) {

    public ParsedReport {
        recipients = List.copyOf(recipients);
    }

    public ParsedReport(String format, List<Recipient> recipients, String originalMessageId, String text) {
        this(format, recipients, originalMessageId, text, listUnsubscribeIn(text));
    }

    private static final java.util.regex.Pattern LIST_UNSUBSCRIBE = java.util.regex.Pattern.compile(
            "(?im)^[ \\t>]*List-Unsubscribe:[ \\t]*((?:.*)(?:\\r?\\n[ \\t]+.*)*)");

    /** The first List-Unsubscribe header quoted anywhere in a report (the original's: a report has none itself). */
    static String listUnsubscribeIn(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = LIST_UNSUBSCRIBE.matcher(text);
        return m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : null;
    }

    /**
     * One recipient's fate.
     *
     * @param address as the report gives it (Final-Recipient, or found in the text), or null
     * @param status the enhanced status code (5.1.1) or SMTP reply code (550), or null
     * @param diagnostic the remote server's words, or the report's
     */
    public record Recipient(String address, ReportKind kind, String status, String diagnostic) {}

    /** The strongest kind among the recipients: what the report is, in one word. */
    public ReportKind kind() {
        return recipients.stream().map(Recipient::kind).min(Enum::compareTo).orElse(ReportKind.NONE);
    }
}
