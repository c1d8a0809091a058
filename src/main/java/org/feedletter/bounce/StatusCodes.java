package org.feedletter.bounce;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hard or soft from what a server said: the enhanced status code (RFC 3463) when there is one, else the SMTP reply
 * code, else the words. A 5.x.x about the address (5.1.x bad mailbox or domain, 5.2.1 disabled, 5.4.4 unroutable,
 * 5.0.0 the generic "no") is hard; a 5.x.x about the mailbox's state, the systems between or our message (5.2.2 full,
 * 5.2.3 too big, 5.3.x, 5.4.x, 5.5.x, 5.6.x, 5.7.x policy and spam blocks) is soft: counted, and suppressed only when
 * it keeps happening. Any 4.x.x is soft.
 */
public final class StatusCodes {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern BASIC = Pattern.compile("(?<![\\d.#-])([45][0-5]\\d)(?=[ -]|$)");
    private static final Pattern HARD_WORDS = Pattern.compile("(?i)user unknown|unknown user|no such (user|mailbox|"
            + "recipient|address)|does not exist|doesn't exist|address rejected|recipient not found|recipnotfound|"
            + "mailbox unavailable|invalid (recipient|mailbox|address)|account (has been )?disabled|mailbox disabled|"
            + "no mailbox here|couldn't be found|could not be found|host or domain name not found|"
            + "couldn't find any host|unrouteable|name or service not known|not our customer");
    private static final Pattern SOFT_WORDS = Pattern.compile("(?i)mailbox (is )?full|over ?quota|quota exceeded|"
            + "exceeded (storage|the storage)|insufficient (system )?storage|temporar|try again later|too many "
            + "connections|greylist|deferred");

    private StatusCodes() {}

    /** The first enhanced status code in a text, e.g. "5.1.1". */
    public static Optional<String> enhanced(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The first SMTP reply code (4xx, 5xx) in a text, e.g. "550". */
    public static Optional<String> basic(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = BASIC.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The code that decides: the enhanced one, else the reply code. */
    public static Optional<String> status(String text) {
        return enhanced(text).or(() -> basic(text));
    }

    /** Hard or soft for a status code ("5.1.1", "550"), or empty for one that is no failure (2.x.x). */
    public static Optional<ReportKind> kindOf(String status) {
        if (status == null || status.isEmpty()) {
            return Optional.empty();
        }
        char klass = status.charAt(0);
        if (klass == '4') {
            return Optional.of(ReportKind.SOFT);
        }
        if (klass != '5') {
            return Optional.empty();
        }
        if (status.indexOf('.') < 0) {
            return Optional.of(switch (status) {
                case "552", "554", "521", "530", "535", "503", "500", "501", "502", "504" -> ReportKind.SOFT;
                default -> ReportKind.HARD; // 550, 551, 553: mailbox unavailable, not local, name not allowed
            });
        }
        String detail = status.substring(2);
        if (detail.startsWith("1.") || detail.equals("2.1") || detail.equals("2.0") || detail.equals("4.4")
                || detail.equals("0.0")) {
            return Optional.of(ReportKind.HARD);
        }
        return Optional.of(ReportKind.SOFT);
    }

    /**
     * Hard or soft for a failure described in words (and perhaps a code): the code decides when there is one,
     * except that words about a full mailbox make a hard code soft; without a code, the words, hard when they say
     * nothing either way (the report said the message failed).
     */
    public static ReportKind kindOfFailure(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        boolean softWords = SOFT_WORDS.matcher(lower).find();
        Optional<ReportKind> byCode = status(text).flatMap(StatusCodes::kindOf);
        if (byCode.isPresent()) {
            return byCode.get() == ReportKind.HARD && softWords ? ReportKind.SOFT : byCode.get();
        }
        if (softWords && !HARD_WORDS.matcher(lower).find()) {
            return ReportKind.SOFT;
        }
        return ReportKind.HARD;
    }
}
