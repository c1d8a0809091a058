package org.feedletter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for the poll benchmark, measured on this machine in the same run: 16 curl processes fetch
 * the whole farm, each its sixteenth of the feeds over one kept-alive connection, bodies to /dev/null; then again
 * with each feed's ETag, all answered 304. Ratios against it say how far a figure is from the bare transfer here,
 * whatever the machine.
 */
final class CurlBaseline {

    private static final int PROCESSES = 16;

    private CurlBaseline() {}

    /** @return {all new, all 304} in seconds, each the best of three, or null when curl is not installed */
    static double[] measure(FeedFarm farm) throws IOException, InterruptedException {
        if (!ExternalTool.installed("curl")) {
            System.out.println("curl baseline: skipped, no curl on the PATH");
            return null;
        }
        Path dir = Files.createTempDirectory("bench-curl");
        try {
            List<Path> plain = configs(farm, dir, false);
            List<Path> conditional = configs(farm, dir, true);
            double cold = Double.MAX_VALUE;
            double warm = Double.MAX_VALUE;
            for (int attempt = 0; attempt < 3; attempt++) {
                cold = Math.min(cold, run(plain));
                warm = Math.min(warm, run(conditional));
            }
            int[] counts = farm.takeCounts();
            if (counts[0] != 3 * farm.feeds() || counts[1] != 3 * farm.feeds()) {
                throw new IllegalStateException("curl fetched " + counts[0] + " bodies and " + counts[1]
                        + " 304s, expected " + 3 * farm.feeds() + " of each");
            }
            return new double[] {cold, warm};
        } finally {
            ExternalTool.deleteFlatDirectory(dir);
        }
    }

    /** One curl config file per process: its feeds, each with the ETag the farm gives it when conditional. */
    private static List<Path> configs(FeedFarm farm, Path dir, boolean conditional) throws IOException {
        List<StringBuilder> texts = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            texts.add(new StringBuilder("silent\n"));
        }
        for (int n = 0; n < farm.feeds(); n++) {
            StringBuilder text = texts.get(n % PROCESSES);
            if (n >= PROCESSES) {
                text.append("next\n");
            }
            text.append("url = \"").append(farm.feedUrl(n)).append("\"\noutput = \"/dev/null\"\nfail\n");
            if (conditional) {
                text.append("header = \"If-None-Match: ").append(FeedFarm.etag(n).replace("\"", "\\\""))
                        .append("\"\n");
            }
        }
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path file = dir.resolve((conditional ? "etag-" : "plain-") + p + ".conf");
            Files.writeString(file, texts.get(p));
            files.add(file);
        }
        return files;
    }

    private static double run(List<Path> configs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (Path config : configs) {
            processes.add(new ProcessBuilder("curl", "-K", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (Process process : processes) {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("curl exited with " + process.exitValue());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
