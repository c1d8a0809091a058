package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** --log-format json turns each log line on the standard error into one JSON object; the output stays text. */
class LogFormatTest {

    @TempDir
    Path dir;

    @Test
    void jsonLogsAreOneObjectPerLineNamingTheFeed() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        CliFixture.Result poll;
        // Tests log to a file (logback-test.xml); feedletter itself logs to the standard error, as here.
        ConsoleAppender<ILoggingEvent> console = consoleOnRoot(LogFormat.PATTERN);
        Logger root = ((LoggerContext) console.getContext()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (CliFixture cli = new CliFixture(dir, "/broken.xml")) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            poll = cli.run("--log-format", "json", "poll");
        } finally {
            System.setErr(stderr);
            root.detachAppender(console);
            console.stop();
            LogFormat.TEXT.apply();
        }

        assertThat(poll.exit()).isEqualTo(1);
        assertThat(poll.out()).contains("Feeds:      1 polled").doesNotContain("{\"");
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.has("level")).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(line -> {
            JsonNode event = json.readTree(line);
            assertThat(event.get("level").asText()).isEqualTo("WARN");
            assertThat(event.get("loggerName").asText()).isEqualTo("org.feedletter.ingest.poll.FeedRefresher");
            assertThat(event.get("formattedMessage").asText()).startsWith("feed 1 (broken.xml): HTTP 503");
        });
    }

    /** An operator's own Logback configuration keeps its look when the format is text, as it is by default. */
    @Test
    void textLeavesLogbacksOwnSetUpAsItIs() throws Exception {
        ConsoleAppender<ILoggingEvent> console = consoleOnRoot("[operator] %msg%n");
        Encoder<ILoggingEvent> own = console.getEncoder();
        Logger root = ((LoggerContext) console.getContext()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        CliFixture.Result status;
        try (CliFixture cli = new CliFixture(dir, "/broken.xml")) {
            status = cli.run("status");
        } finally {
            root.detachAppender(console);
            console.stop();
        }

        assertThat(status.exit()).isZero();
        assertThat(console.getEncoder()).isSameAs(own);
    }

    /** A console appender on the standard error with this pattern, added to the root logger. */
    private static ConsoleAppender<ILoggingEvent> consoleOnRoot(String pattern) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setTarget("System.err");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        console.setEncoder(encoder);
        console.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
        return console;
    }

    @Test
    void theOptionIsTakenAfterTheSubcommandToo() {
        CliFixture.Result help = CliFixture.runWithout("status", "--help");

        assertThat(help.out()).contains("--log-format=text|json", "--config=FILE");
        assertThat(CliFixture.runWithout("status", "--log-format", "xml").exit()).isEqualTo(2);
    }
}
