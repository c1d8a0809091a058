package org.feedletter.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.logging.LogSetup;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Every log line of a test at DEBUG, as an operator who turned it on would read them: for tests that no secret or
 * foreign text reaches the log. The chatty libraries stay at WARN. Register with {@code @RegisterExtension}.
 */
public final class DebugLog implements BeforeEachCallback, AfterEachCallback {

    private final List<String> quiet;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    /** The libraries the service itself keeps at WARN stay there. */
    public DebugLog() {
        this(LogSetup.QUIET_LIBRARIES);
    }

    /** @param quiet loggers kept at WARN (libraries whose DEBUG lines say nothing of ours) */
    public DebugLog(List<String> quiet) {
        this.quiet = quiet;
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        levels.put(org.slf4j.Logger.ROOT_LOGGER_NAME, root.getLevel());
        root.setLevel(Level.DEBUG);
        for (String name : quiet) {
            levels.put(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(Level.WARN);
        }
        captured.list.clear();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        levels.clear();
    }

    /** Each line so far: level, logger, message and any stack trace. */
    public List<String> lines() {
        return List.copyOf(captured.list).stream().map(DebugLog::text).toList();
    }

    private static String text(ILoggingEvent event) {
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}
