package org.feedletter.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.bounce.ParsedReport.Recipient;

/**
 * Reads a message of the bounce mailbox into a {@link ParsedReport}. In this order:
 * <ol>
 * <li>{@code multipart/report; report-type=delivery-status} (RFC 3464): per recipient, the Action (failed is a
 * bounce, delayed and delivered are not), the Status (hard or soft, {@link StatusCodes}) and the Diagnostic-Code;
 * the original message's Message-ID from the returned headers or message;</li>
 * <li>{@code multipart/report; report-type=feedback-report} (RFC 5965, ARF): a complaint unless the Feedback-Type
 * is not-spam or virus; the original's Message-ID and recipient;</li>
 * <li>the common bounces that are not multipart/report: qmail, Exim, old Exchange and Gmail, and whatever comes from
 * a MAILER-DAEMON or postmaster: the failed address, the server's words and code are found in the text;</li>
 * <li>anything else, auto-replies (out of office, vacation) included, is no report: recorded as such, never
 * counted.</li>
 * </ol>
 * Nothing here throws for a malformed message: what cannot be read is no report, with the reason.
 */
public final class ReportParser {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*(<[^>\\s]+>)");
    private static final Pattern MAILER = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (sub)?system|"
            + "mail delivery subsystem|microsoftexchange");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|delivery status "
            + "notification|delivery failure|mail delivery failed|failure notice|returned mail|delivery has failed|"
            + "could not be delivered|non[- ]?delivery|nondeliverable|message not delivered");
    private static final Pattern DELAY_WORDS = Pattern.compile("(?i)delivery (is )?delayed|delayed mail|still being "
            + "retried|will (continue|keep) (to )?(try|trying|retry)|has not yet been delivered|deferred|"
            + "warning: message .* delayed|no action is required on your part");
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?i)^\\s*(auto(matic)?[ -]?(reply|response|"
            + "antwort)|out of (the )?office|abwesenheit|vacation|autoreply|away from|r[ée]ponse automatique|"
            + "auto:)");
    /** Where the quoted original message starts in a text bounce: addresses after it are not the failed one. */
    private static final Pattern ORIGINAL_STARTS = Pattern.compile("(?im)^(-+ ?(this is a copy of|below this line|"
            + "original message|the header of the original|undelivered message)|--- ?Below this line|"
            + "Original message headers:|Received: from|Return-Path:|------ This is a copy)");

    /** The mailbox's own addresses (the VERP base's domain and the sender's): never taken for the failed one. */
    private final Set<String> ownDomains;

    /** @param ownDomains domains of our own addresses, lower case */
    public ReportParser(Set<String> ownDomains) {
        this.ownDomains = Set.copyOf(ownDomains);
    }

    /** The report in a raw message, as it lies in the mailbox. */
    public ParsedReport parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            ContentType type = contentType(message);
            if (type.match("multipart/report")) {
                String reportType = Optional.ofNullable(type.getParameter("report-type")).orElse("")
                        .toLowerCase(Locale.ROOT);
                Multipart parts = (Multipart) message.getContent();
                if (reportType.equals("feedback-report") || find(parts, "message/feedback-report").isPresent()) {
                    return feedback(parts, text);
                }
                Optional<BodyPart> status = find(parts, "message/delivery-status", "message/global-delivery-status");
                if (status.isPresent()) {
                    return deliveryStatus(parts, status.get(), text);
                }
            }
            return plain(message, text);
        } catch (MessagingException | IOException | RuntimeException e) {
            return none("unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", text);
        }
    }

    private static ParsedReport none(String why, String text) {
        return new ParsedReport(why, List.of(new Recipient(null, ReportKind.NONE, null, null)), null, text);
    }

    // RFC 3464

    private ParsedReport deliveryStatus(Multipart parts, BodyPart status, String text)
            throws MessagingException, IOException {
        List<InternetHeaders> blocks = headerBlocks(status.getInputStream());
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 1; i < blocks.size(); i++) {
            InternetHeaders block = blocks.get(i);
            String address = typedAddress(first(block, "Final-Recipient").or(() -> first(block, "Original-Recipient"))
                    .orElse(null));
            if (address == null && first(block, "Action").isEmpty()) {
                continue;
            }
            String action = first(block, "Action").orElse("").strip().toLowerCase(Locale.ROOT);
            String code = first(block, "Status").flatMap(StatusCodes::enhanced).orElse(null);
            String diagnostic = first(block, "Diagnostic-Code").map(ReportParser::withoutType).orElse(null);
            recipients.add(new Recipient(address, kindOf(action, code, diagnostic), code, diagnostic));
        }
        if (recipients.isEmpty()) {
            return none("RFC 3464 report naming no recipient", text);
        }
        return new ParsedReport("RFC 3464", recipients, originalMessageId(parts).orElse(null), text);
    }

    private static ReportKind kindOf(String action, String code, String diagnostic) {
        if (action.startsWith("failed")) {
            Optional<ReportKind> byCode = Optional.ofNullable(code).flatMap(StatusCodes::kindOf);
            ReportKind kind = byCode.orElseGet(() -> StatusCodes.kindOfFailure(diagnostic));
            // A 5.x.x with words of a full mailbox (5.2.2 written as 5.0.0 by some) counts as soft.
            return kind == ReportKind.HARD && diagnostic != null ? lesser(kind, StatusCodes.kindOfFailure(
                    diagnostic.replaceAll("\\b5\\.\\d+\\.\\d+\\b|\\b5\\d\\d\\b", ""))) : kind;
        }
        if (action.isEmpty() && code != null && code.startsWith("5")) {
            return StatusCodes.kindOf(code).orElse(ReportKind.HARD);
        }
        return ReportKind.NONE; // delayed, delivered, relayed, expanded: not a failure
    }

    /** Soft only when the words say soft (a full mailbox); else as the code said. */
    private static ReportKind lesser(ReportKind byCode, ReportKind byWords) {
        return byWords == ReportKind.SOFT ? ReportKind.SOFT : byCode;
    }

    // RFC 5965

    private ParsedReport feedback(Multipart parts, String text) throws MessagingException, IOException {
        Optional<BodyPart> report = find(parts, "message/feedback-report");
        InternetHeaders fields = report.isPresent() ? headerBlocks(report.get().getInputStream()).get(0)
                : new InternetHeaders();
        String type = first(fields, "Feedback-Type").orElse("abuse").strip().toLowerCase(Locale.ROOT);
        Optional<InternetHeaders> original = originalHeaders(parts);
        String address = first(fields, "Original-Rcpt-To").map(ReportParser::bare)
                .or(() -> original.flatMap(h -> first(h, "To")).flatMap(ReportParser::firstAddress))
                .orElse(null);
        ReportKind kind = type.equals("not-spam") || type.equals("virus") ? ReportKind.NONE : ReportKind.COMPLAINT;
        String diagnostic = "Feedback-Type: " + type + first(fields, "User-Agent").map(a -> " from " + a).orElse("")
                + first(fields, "Reporting-MTA").map(m -> " (" + withoutType(m) + ")").orElse("");
        return new ParsedReport("RFC 5965 ARF", List.of(new Recipient(address, kind, null, diagnostic)),
                original.flatMap(h -> first(h, "Message-ID")).map(String::strip).orElse(null), text);
    }

    // the rest

    private ParsedReport plain(MimeMessage message, String text) throws MessagingException, IOException {
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        String from = Optional.ofNullable(message.getHeader("From", ",")).orElse("");
        String body = bodyText(message);
        String format = signature(body);
        boolean fromMailer = MAILER.matcher(from).find() || emptyReturnPath(message) && BOUNCE_SUBJECT.matcher(subject).find();
        if (format == null && fromMailer) {
            format = "bounce from " + (MAILER.matcher(from).find() ? "a mailer daemon" : "a null sender");
        }
        if (format == null) {
            return none(autoReply(message, subject) ? "auto-reply" : "not a report", text);
        }
        if (DELAY_WORDS.matcher(body).find() && !body.toLowerCase(Locale.ROOT).contains("permanent")
                && !body.toLowerCase(Locale.ROOT).contains("given up")) {
            return none(format + ": a delay warning", text);
        }
        String failedPart = beforeOriginal(body);
        String address = failedAddress(failedPart).orElse(null);
        String diagnostic = diagnostic(failedPart, address);
        String status = StatusCodes.status(diagnostic).orElse(null);
        Recipient recipient = new Recipient(address, StatusCodes.kindOfFailure(diagnostic), status, diagnostic);
        return new ParsedReport(format, List.of(recipient), quotedMessageId(body).orElse(null), text);
    }

    /** Which well-known bounce a text is, or null. */
    private static String signature(String body) {
        if (body.contains("This is the qmail-send program")) {
            return "qmail";
        }
        if (body.contains("This message was created automatically by mail delivery software")) {
            return "Exim";
        }
        if (body.contains("The following recipient(s) cannot be reached") || body.contains("Delivery has failed to "
                + "these recipients or groups") || body.contains("Your message did not reach some or all of the "
                + "intended recipients")) {
            return "Exchange";
        }
        if (body.contains("Delivery to the following recipient failed permanently")
                || body.contains("Delivery to the following recipients failed")) {
            return "Gmail";
        }
        if (body.contains("I'm afraid I wasn't able to deliver your message")
                || body.contains("This is the mail system at host")) {
            return "Postfix";
        }
        return null;
    }

    private static boolean emptyReturnPath(MimeMessage message) throws MessagingException {
        String[] returnPath = message.getHeader("Return-Path");
        return returnPath != null && returnPath[0].replaceAll("[<>\\s]", "").isEmpty();
    }

    /** RFC 3834 and the headers the usual vacation programs set. */
    private static boolean autoReply(MimeMessage message, String subject) throws MessagingException {
        String auto = Optional.ofNullable(message.getHeader("Auto-Submitted", ",")).orElse("").toLowerCase(Locale.ROOT);
        return auto.startsWith("auto-replied") || message.getHeader("X-Autoreply") != null
                || message.getHeader("X-Autorespond") != null
                || Optional.ofNullable(message.getHeader("Precedence", ",")).orElse("").toLowerCase(Locale.ROOT)
                        .contains("auto_reply")
                || AUTO_REPLY_SUBJECT.matcher(subject).find();
    }

    private static String beforeOriginal(String body) {
        Matcher m = ORIGINAL_STARTS.matcher(body);
        return m.find() && m.start() > 0 ? body.substring(0, m.start()) : body;
    }

    /** The first address in the failure's text that is not our own nor a mailer's. */
    private Optional<String> failedAddress(String text) {
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String address = m.group().toLowerCase(Locale.ROOT);
            String domain = address.substring(address.indexOf('@') + 1);
            if (!ownDomains.contains(domain) && !MAILER.matcher(address).find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The lines that say why: those with a status or reply code, else the lines after the address. */
    private static String diagnostic(String text, String address) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\\r?\\n")) {
            String l = line.strip();
            if (!l.isEmpty() && StatusCodes.status(l).isPresent() && lines.length() < 600) {
                lines.append(lines.length() == 0 ? "" : " ").append(l);
            }
        }
        if (lines.length() > 0) {
            return lines.toString();
        }
        int at = address == null ? -1 : text.indexOf(address);
        String after = (at < 0 ? text : text.substring(at + address.length())).strip().replaceAll("\\s+", " ");
        return after.length() > 400 ? after.substring(0, 400) : after;
    }

    private static Optional<String> quotedMessageId(String body) {
        Matcher m = QUOTED_MESSAGE_ID.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    // parts and fields

    private static ContentType contentType(Part part) throws MessagingException {
        try {
            return new ContentType(Optional.ofNullable(part.getContentType()).orElse("text/plain"));
        } catch (ParseException e) {
            return new ContentType("text/plain");
        }
    }

    /** The first part of the first type found, searched depth-first through nested multiparts. */
    private static Optional<BodyPart> find(Multipart parts, String... types) throws MessagingException, IOException {
        for (String type : types) {
            Optional<BodyPart> found = find(parts, type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<BodyPart> find(Multipart parts, String type) throws MessagingException, IOException {
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            ContentType partType = contentType(part);
            if (partType.match(type)) {
                return Optional.of(part);
            }
            if (partType.getPrimaryType().equalsIgnoreCase("multipart") && part.getContent() instanceof Multipart inner) {
                Optional<BodyPart> found = find(inner, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The returned message's headers: a message/rfc822 part, or text/rfc822-headers. */
    private static Optional<InternetHeaders> originalHeaders(Multipart parts) throws MessagingException, IOException {
        Optional<BodyPart> original = find(parts, "message/rfc822", "text/rfc822-headers", "message/rfc822-headers",
                "message/global", "message/global-headers");
        if (original.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = original.get().getInputStream()) {
            return Optional.of(new InternetHeaders(in));
        }
    }

    private static Optional<String> originalMessageId(Multipart parts) throws MessagingException, IOException {
        Optional<String> fromHeaders = originalHeaders(parts).flatMap(h -> first(h, "Message-ID")).map(String::strip);
        if (fromHeaders.isPresent()) {
            return fromHeaders;
        }
        for (int i = 0; i < parts.getCount(); i++) {
            if (contentType(parts.getBodyPart(i)).match("text/*")) {
                Optional<String> quoted = quotedMessageId(partText(parts.getBodyPart(i)));
                if (quoted.isPresent()) {
                    return quoted;
                }
            }
        }
        return Optional.empty();
    }

    /** Blocks of header fields separated by blank lines: the per-message block, then one per recipient. */
    private static List<InternetHeaders> headerBlocks(InputStream raw) throws MessagingException, IOException {
        List<InternetHeaders> blocks = new ArrayList<>();
        try (PushbackInputStream in = new PushbackInputStream(raw, 2)) {
            while (true) {
                int c = in.read();
                while (c == '\r' || c == '\n') { // blank lines between blocks
                    c = in.read();
                }
                if (c < 0) {
                    break;
                }
                in.unread(c);
                blocks.add(new InternetHeaders(in));
            }
        }
        if (blocks.isEmpty()) {
            blocks.add(new InternetHeaders());
        }
        return blocks;
    }

    private static Optional<String> first(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ",");
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(unfold(value));
    }

    private static String unfold(String value) {
        try {
            return MimeUtility.unfold(MimeUtility.decodeText(value)).strip();
        } catch (java.io.UnsupportedEncodingException e) {
            return MimeUtility.unfold(value).strip();
        }
    }

    /** "rfc822; alice@example.net" -> "alice@example.net". */
    private static String typedAddress(String field) {
        return field == null ? null : bare(withoutType(field));
    }

    /** "smtp; 550 5.1.1 ..." -> "550 5.1.1 ...". */
    private static String withoutType(String field) {
        int semicolon = field.indexOf(';');
        return (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
    }

    private static String bare(String address) {
        return address.strip().replaceAll("^<|>$", "");
    }

    private static Optional<String> firstAddress(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The message's text: its text/plain parts, else its HTML without tags. */
    private static String bodyText(Part part) throws MessagingException, IOException {
        ContentType type = contentType(part);
        if (type.match("text/plain")) {
            return partText(part);
        }
        if (type.match("text/html")) {
            return partText(part).replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n").replaceAll("<[^>]*>", " ")
                    .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
        if (type.getPrimaryType().equalsIgnoreCase("multipart") && part.getContent() instanceof Multipart parts) {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart p = parts.getBodyPart(i);
                ContentType t = contentType(p);
                if (t.match("text/html")) {
                    html.append(bodyText(p)).append('\n');
                } else if (t.match("text/plain") || t.getPrimaryType().equalsIgnoreCase("multipart")) {
                    text.append(bodyText(p)).append('\n');
                } else if (t.match("message/rfc822") || t.match("text/rfc822-headers")) {
                    text.append("\n------ This is a copy of the message's headers.\n").append(partText(p)).append('\n');
                }
            }
            return text.toString().isBlank() ? html.toString() : text.toString();
        }
        return "";
    }

    /** A text part decoded in its charset; a charset Java does not know is read as Latin-1. */
    private static String partText(Part part) throws MessagingException, IOException {
        Charset charset;
        try {
            String name = contentType(part).getParameter("charset");
            charset = name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException e) {
            charset = StandardCharsets.ISO_8859_1;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset);
        }
    }

    /** The domains of addresses, lower case, for {@link #ReportParser(Set)}. */
    public static Set<String> domainsOf(String... addresses) {
        Set<String> domains = new LinkedHashSet<>();
        for (String address : addresses) {
            if (address != null && address.indexOf('@') > 0) {
                domains.add(address.substring(address.lastIndexOf('@') + 1).replaceAll(">.*$", "")
                        .toLowerCase(Locale.ROOT));
            }
        }
        return domains;
    }
}
