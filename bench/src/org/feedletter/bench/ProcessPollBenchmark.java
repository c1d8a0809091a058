package org.feedletter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One poll cycle as cron runs it: a new process per cycle, {@code feedletter run --once --no-send} over the 1,000-feed
 * farm (20 items each, served by this process), timed from the process's start to its exit. Each round starts from an
 * empty H2 file: a cold cycle (every item new), then a warm one (every feed answers 304), then another warm one (a
 * cron job's usual cycle: the first after the cold one also finishes compacting the file the cold one wrote, up to
 * H2's 0.2 s on closing it). Through {@code
 * bin/feedletter} (the README's way) and through {@code java -jar} alone, in turn; then rss2email ({@code r2e run
 * --no-send}, also a new process per cycle) on the same farm, when it is installed. Ratios are against rss2email's
 * figures of the same run.
 */
final class ProcessPollBenchmark {

    private static final int FEEDS = 1000;
    private static final int ITEMS = 20;
    private static final Path LAUNCHER = Path.of("bin/feedletter").toAbsolutePath();
    private static final Path JAR = Path.of("target/feedletter.jar").toAbsolutePath();

    private ProcessPollBenchmark() {}

    static void main(String[] args) throws Exception {
        Machine.describe("poll-process");
        int rounds = Bench.intOption(args, "--rounds", 3);
        try (FeedFarm farm = new FeedFarm(FEEDS, ITEMS, 3, 500)) {
            System.out.printf("farm: %d feeds x %d items, %.1f MB of RSS, served from the benchmark's process%n",
                    farm.feeds(), ITEMS, farm.totalBytes() / 1e6);
            // The launcher writes its class-data-sharing archive on its first run after a build: that run is not timed
            // (a cron job pays it once).
            Path first = Files.createTempDirectory("bench-process-first");
            cycle(List.of(LAUNCHER.toString()), config(farm, first), farm, true);
            ExternalTool.deleteTree(first);

            List<Double> launcherCold = new ArrayList<>();
            List<Double> launcherWarm = new ArrayList<>();
            List<Double> jarCold = new ArrayList<>();
            List<Double> jarWarm = new ArrayList<>();
            List<Double> launcherWarmAgain = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (boolean launcher : new boolean[] {true, false}) {
                    Path dir = Files.createTempDirectory("bench-process");
                    try {
                        Path config = config(farm, dir);
                        List<String> command = launcher ? List.of(LAUNCHER.toString())
                                : List.of("java", "-jar", JAR.toString());
                        double cold = cycle(command, config, farm, true);
                        double warm = cycle(command, config, farm, false);
                        double warmAgain = launcher ? cycle(command, config, farm, false) : Double.NaN;
                        (launcher ? launcherCold : jarCold).add(cold);
                        (launcher ? launcherWarm : jarWarm).add(warm);
                        if (launcher) {
                            launcherWarmAgain.add(warmAgain);
                        }
                        System.out.printf("round %d, %-14s cold (all new) %6.2f s | warm (all 304) %5.2f s%s%n", round,
                                launcher ? "bin/feedletter" : "java -jar", cold, warm,
                                launcher ? String.format(" | warm again %5.2f s", warmAgain) : "");
                    } finally {
                        ExternalTool.deleteTree(dir);
                    }
                }
            }
            double cold = median(launcherCold);
            double warm = median(launcherWarm);
            double warmAgain = median(launcherWarmAgain);
            System.out.printf("%nmedians of %d rounds: bin/feedletter cold %.2f s, warm %.2f s, warm again %.2f s; "
                    + "java -jar cold %.2f s, warm %.2f s%n", rounds, cold, warm, warmAgain, median(jarCold),
                    median(jarWarm));
            double[] r2e = Rss2emailBaseline.measure(farm);
            if (r2e != null) {
                System.out.printf("rss2email (r2e run --no-send, a new process each): all new %.1f s, all 304 %.2f s, "
                        + "again %.2f s%n", r2e[0], r2e[1], r2e[2]);
                System.out.printf("bin/feedletter against it: cold %.1fx as fast (target >= 10x), warm %.1fx as fast "
                        + "(target >= 2x), warm again %.1fx as fast as its own again%n", r2e[0] / cold, r2e[1] / warm,
                        r2e[2] / warmAgain);
            }
        }
    }

    /** Runs one cycle in a new process and returns its wall time; checks the farm saw what the cycle should do. */
    private static double cycle(List<String> launch, Path config, FeedFarm farm, boolean allNew)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launch);
        command.addAll(List.of("run", "--once", "--no-send", "--config", config.toString()));
        farm.takeCounts();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed (exit "
                    + (process.isAlive() ? "none" : process.exitValue()) + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] counts = farm.takeCounts(); // {200s, 304s}
        int expected = allNew ? counts[0] : counts[1];
        if (expected != farm.feeds()) {
            throw new IllegalStateException("a " + (allNew ? "cold" : "warm") + " cycle fetched " + counts[0]
                    + " feeds and had " + counts[1] + " 304s, expected " + farm.feeds() + " "
                    + (allNew ? "fetches" : "304s"));
        }
        return seconds;
    }

    /** A config file for the farm: its feeds, 16 requests at once to its one host, an H2 file under {@code dir}. */
    private static Path config(FeedFarm farm, Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("database: { url: \"jdbc:h2:file:").append(dir.resolve("feedletter")).append("\" }\n");
        yaml.append("mail: { transport: file, from: \"bench@example.org\", outbox-dir: \"")
                .append(dir.resolve("outbox")).append("\" }\n");
        yaml.append("fetch: { concurrency: 16, per-host: 16 }\n");
        yaml.append("feeds:\n");
        for (int n = 0; n < farm.feeds(); n++) {
            yaml.append("  - { url: \"").append(farm.feedUrl(n)).append("\", name: \"feed ").append(n)
                    .append("\", interval: 30m }\n");
        }
        return Files.writeString(dir.resolve("feedletter.yaml"), yaml);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
