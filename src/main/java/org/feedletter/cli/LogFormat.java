package org.feedletter.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import java.util.Locale;
import org.feedletter.logging.LogSetup;

/**
 * How log lines look: text for people, or one JSON object per line (Logback's JSON encoder) for log collectors.
 * Logs always go to the standard error; the standard output is for what a command prints.
 */
enum LogFormat {
    TEXT, JSON;

    static final String PATTERN = LogSetup.PATTERN;

    /** From {@code FEEDLETTER_LOG_FORMAT} when no option says otherwise. */
    static LogFormat fromEnvironment() {
        String value = System.getenv("FEEDLETTER_LOG_FORMAT");
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("json") ? JSON : TEXT;
    }

    /** Whether this process's logs were switched from text: until then they are as Logback was set up. */
    private static volatile boolean switched;

    /**
     * Gives every appender of the root logger this format's encoder. Text needs nothing until JSON was applied:
     * {@link LogSetup} sets text up (or an operator's own Logback configuration did, and stays as it is), and a
     * command that logs text thus neither waits for Logback's set-up nor builds its encoder again.
     */
    void apply() {
        if (this == TEXT && !switched) {
            return;
        }
        LogSetup.context().ifPresent(this::applyTo);
        switched = this != TEXT;
    }

    private void applyTo(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                appender.stop();
                appender.setEncoder(encoder(context));
                appender.start();
            }
        }
    }

    private Encoder<ILoggingEvent> encoder(LoggerContext context) {
        if (this == JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }
}
