package org.feedletter.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** feedletter in a JVM of its own, started from this test run's class path, with its output in a file. */
public final class FeedletterProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private FeedletterProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static FeedletterProcess start(Path output, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Its log on its standard error, as a service's: the tests' own logback-test.xml writes to a file.
        command.add("-Dlogback.configurationFile=" + logConfig());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.feedletter.Main");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new FeedletterProcess(process, output);
    }

    private static String logConfig() {
        try {
            return Path.of(FeedletterProcess.class.getResource("/logback-process.xml").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Process process() {
        return process;
    }

    /** The last lines the process wrote, for a failure message: its temporary directory is gone after the test. */
    public String lastLines(int count) {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(its output could not be read: " + e + ")";
        }
    }

    public Path output() {
        return output;
    }

    /** Sends a signal by name, e.g. "INT" (Ctrl-C) or "KILL". */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
