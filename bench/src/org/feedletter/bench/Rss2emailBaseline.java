package org.feedletter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other reference, measured here in the same run: rss2email (Debian's {@code rss2email} package) with
 * every feed of the farm, {@code r2e run --no-send} once on a fresh state (all new) and twice more (all 304).
 */
final class Rss2emailBaseline {

    private Rss2emailBaseline() {}

    /** @return {all new, all 304, all 304 again} in seconds, or null when r2e is not installed */
    static double[] measure(FeedFarm farm) throws IOException, InterruptedException {
        if (!ExternalTool.installed("r2e")) {
            System.out.println("rss2email baseline: skipped, no r2e on the PATH (apt-get install -y rss2email)");
            return null;
        }
        Path dir = Files.createTempDirectory("bench-r2e");
        try {
            Path config = dir.resolve("rss2email.cfg");
            Path data = dir.resolve("rss2email.json");
            StringBuilder sections = new StringBuilder("[DEFAULT]\nto = bench@example.org\n");
            List<String> states = new ArrayList<>();
            for (int n = 0; n < farm.feeds(); n++) {
                sections.append("\n[feed.f").append(n).append("]\nurl = ").append(farm.feedUrl(n)).append('\n');
                states.add("{\"name\": \"f" + n + "\", \"etag\": null, \"modified\": null, \"seen\": {}}");
            }
            Files.writeString(config, sections);
            Files.writeString(data, "{\"version\": 2, \"feeds\": [" + String.join(",\n", states) + "]}");
            farm.takeCounts();
            double cold = run(config, data);
            int[] coldCounts = farm.takeCounts();
            double warm = run(config, data);
            int[] warmCounts = farm.takeCounts();
            if (coldCounts[0] != farm.feeds() || warmCounts[1] != farm.feeds()) {
                throw new IllegalStateException("rss2email fetched " + coldCounts[0] + " feeds on its first run and had "
                        + warmCounts[1] + " 304s on its second, expected " + farm.feeds() + " of each");
            }
            double warmAgain = run(config, data); // as the benchmark's own third cycle: the usual cron cycle
            if (farm.takeCounts()[1] != farm.feeds()) {
                throw new IllegalStateException("rss2email's third run did not have a 304 for every feed");
            }
            return new double[] {cold, warm, warmAgain};
        } finally {
            ExternalTool.deleteFlatDirectory(dir);
        }
    }

    private static double run(Path config, Path data) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process r2e = new ProcessBuilder("r2e", "-c", config.toString(), "-d", data.toString(), "run", "--no-send")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!r2e.waitFor(10, TimeUnit.MINUTES) || r2e.exitValue() != 0) {
            r2e.destroyForcibly();
            throw new IllegalStateException("r2e run failed (exit " + (r2e.isAlive() ? "none" : r2e.exitValue()) + ")");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
