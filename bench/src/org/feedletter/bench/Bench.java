package org.feedletter.bench;

import java.util.Arrays;

/** Entry point of {@code bench/run}: picks a benchmark by name. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench/run <poll|poll-process|ingest|feed|send|send-nodes|size|dedup|latency> [--postgres]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "poll" -> PollBenchmark.main(rest);
            case "poll-process" -> ProcessPollBenchmark.main(rest);
            case "ingest" -> IngestBenchmark.main(rest);
            case "feed" -> FeedBenchmark.main(rest);
            case "send" -> SendBenchmark.main(rest);
            case "dedup" -> DedupBenchmark.main(rest);
            case "send-nodes" -> SendNodesBenchmark.main(rest);
            case "size" -> SizeBenchmark.main(rest);
            case "latency" -> LatencyBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** The positive whole number after {@code name} in the arguments, or {@code fallback}; anything else ends the run. */
    static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                if (!value.matches("[1-9]\\d{0,6}")) {
                    System.err.println(name + " takes a whole number from 1 up, not '" + value + "'");
                    System.exit(2);
                }
                return Integer.parseInt(value);
            }
        }
        return fallback;
    }
}
