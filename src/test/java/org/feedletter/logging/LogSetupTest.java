package org.feedletter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

class LogSetupTest {

    @Test
    void linesGoToStandardErrorAtTheLevelAskedWithLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        LogSetup.setUp(context, " debug ");

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
        for (String library : LogSetup.QUIET_LIBRARIES) {
            assertThat(context.getLogger(library + ".Anything").getEffectiveLevel()).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("org.feedletter.ingest.poll.FeedPoller").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void infoWhenNoLevelOrNoSuchLevelIsGiven() {
        for (String level : new String[] {null, "", "chatty"}) {
            LoggerContext context = new LoggerContext();
            LogSetup.setUp(context, level);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void aLogbackFileOnTheClassPathIsLeftToLogback() {
        // The tests' class path has logback-test.xml: the set-up steps aside for it.
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }

    @Test
    void theContextIsWaitedForWhileAnotherThreadSetsLoggingUp() {
        // What SLF4J hands a thread while another initializes it: stand-ins, then the real factory.
        LoggerContext logback = new LoggerContext();
        Queue<ILoggerFactory> handedOut = new ArrayDeque<>(List.of(new SubstituteLoggerFactory(),
                new SubstituteLoggerFactory(), logback));

        assertThat(LogSetup.context(handedOut::remove, Duration.ofSeconds(10))).containsSame(logback);
        assertThat(handedOut).isEmpty();
    }

    @Test
    void noContextWhenLoggingIsNotLogbacksOrNeverGetsSetUp() {
        Queue<ILoggerFactory> nop = new ArrayDeque<>(List.of(new NOPLoggerFactory(), new LoggerContext()));
        assertThat(LogSetup.context(nop::remove, Duration.ofSeconds(10))).isEmpty();
        assertThat(nop).hasSize(1); // not waited for: only a stand-in is

        assertThat(LogSetup.context(SubstituteLoggerFactory::new, Duration.ofMillis(20))).isEmpty();
    }
}
