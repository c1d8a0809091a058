package org.feedletter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

/**
 * Logback's set-up, in code: log lines to the standard error as {@code 12:00:01.234 INFO  Feeds - ...}, at
 * {@code FEEDLETTER_LOG_LEVEL} (default INFO), libraries at WARN. Reading the same from XML cost a command about a
 * fifth of a second of start-up: docs/BENCHMARKS.md, "Start-up: what a command costs from a new process (issue 19)",
 * "Logback set up in code instead of from XML (about 0.2 s of Joran)"; measured when it came in (181420b), before
 * the class-data-sharing archives and the quick JIT tier of {@code bin/feedletter}, and not since. A
 * {@code logback.xml} or {@code logback-test.xml} on the class path, or
 * {@code -Dlogback.configurationFile}, still wins: this then steps aside for Logback's own reading of it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    /** Libraries that log at WARN whatever the level: their INFO lines are not for operators. */
    public static final List<String> QUIET_LIBRARIES = List.of("org.quartz", "com.zaxxer.hikari", "org.flywaydb",
            "org.eclipse.jetty", "org.jdbi", "freemarker", "com.icegreen");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || resource("logback-test.xml")
                || resource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        setUp(context, System.getenv("FEEDLETTER_LOG_LEVEL"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} with the root logger at {@code level} (INFO when null or not a level). */
    static void setUp(LoggerContext context, String level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level == null ? null : level.strip(), Level.INFO));
        root.addAppender(stderr);
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    }

    /**
     * Console logs at WARN and above until closed, unless FEEDLETTER_LOG_LEVEL asks otherwise: at a terminal a
     * command's own summary says what the INFO lines would (a poll's feeds, an edition built, messages sent).
     */
    public static Restore warningsOnly() {
        Optional<LoggerContext> context = System.getenv("FEEDLETTER_LOG_LEVEL") != null ? Optional.empty()
                : context();
        if (context.isEmpty()) {
            return () -> { };
        }
        Logger root = context.get().getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        if (before == null || before.isGreaterOrEqual(Level.WARN)) {
            return () -> { };
        }
        root.setLevel(Level.WARN);
        return () -> root.setLevel(before);
    }

    /**
     * Logback's context, to change how lines look or which get out; empty when SLF4J logs elsewhere. While another
     * thread is setting SLF4J up (the start-up warm-up's first logger does it beside the command line's parsing),
     * SLF4J hands every other thread a stand-in factory, and a change made then would be made to nothing: a
     * {@code --log-format json} asked for by a log collector gave text lines in 5 of 12 runs of {@code run --once}.
     * So this waits for that set-up to end (up to ten seconds, then takes what there is).
     */
    public static Optional<LoggerContext> context() {
        return context(org.slf4j.LoggerFactory::getILoggerFactory, Duration.ofSeconds(10));
    }

    static Optional<LoggerContext> context(Supplier<ILoggerFactory> factories, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        ILoggerFactory factory = factories.get();
        while (factory instanceof SubstituteLoggerFactory && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            factory = factories.get();
        }
        return factory instanceof LoggerContext context ? Optional.of(context) : Optional.empty();
    }

    /** Puts back what was changed. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private static boolean resource(String name) {
        return LogSetup.class.getClassLoader().getResource(name) != null;
    }
}
