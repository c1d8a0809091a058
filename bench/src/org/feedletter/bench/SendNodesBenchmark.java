package org.feedletter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;

/**
 * Delivery shared by 1, 2 and 3 feedletter nodes: separate JVMs running {@code feedletter run} against one
 * PostgreSQL, claiming outbox rows with FOR UPDATE SKIP LOCKED, all sending to one local SMTP sink. Twice: with a sink
 * that holds each message 50 ms (a remote provider's round trip, so the sink is the limit and nodes should add up),
 * and with an instant sink (so the two cores are the limit). The nodes start first and are seen running; then this
 * process queues an edition to warm them up, and then one more that it times until every row is sent.
 */
final class SendNodesBenchmark {

    private static final int CONCURRENCY = 4;
    private static final Path JAR = Path.of("target/feedletter.jar");

    private SendNodesBenchmark() {}

    static void main(String[] args) throws Exception {
        Machine.describe("send-nodes");
        System.out.printf("nodes: java -Xmx256m -jar %s run, delivery.concurrency %d each, PostgreSQL (127.0.0.1)%n",
                JAR, CONCURRENCY);
        Map<String, double[]> results = new LinkedHashMap<>();
        List<Integer> counts = java.util.Arrays.stream(args).filter(a -> a.matches("\\d+")).map(Integer::valueOf).toList();
        results.put("sink 50 ms/message", sweep(50, counts.size() > 0 ? counts.get(0) : 1_200));
        results.put("instant sink", sweep(0, counts.size() > 1 ? counts.get(1) : 6_000));
        System.out.printf("%nsummary (target: 3 nodes >= 2x one node where the sink is the limit)%n");
        results.forEach((sink, perSecond) -> System.out.printf(
                "%-19s 1 node %,6.0f msgs/s | 2 nodes %,6.0f msgs/s (%.2fx) | 3 nodes %,6.0f msgs/s (%.2fx)%n", sink,
                perSecond[0], perSecond[1], perSecond[1] / perSecond[0], perSecond[2], perSecond[2] / perSecond[0]));
    }

    /** Messages per second with 1, 2 and 3 nodes, one fresh schema each. */
    private static double[] sweep(long delayMillis, int messages) throws Exception {
        double[] perSecond = new double[3];
        try (SmtpSink sink = new SmtpSink(delayMillis)) {
            for (int nodes = 1; nodes <= 3; nodes++) {
                perSecond[nodes - 1] = run(sink, delayMillis, nodes, messages);
            }
        }
        return perSecond;
    }

    private static double run(SmtpSink sink, long delayMillis, int nodeCount, int messages) throws Exception {
        DatabaseConfig databaseConfig = BenchDatabases.forArgs(new String[] {"--postgres"}, 4);
        Path dir = Files.createTempDirectory("feedletter-bench-nodes");
        Path config = Files.writeString(dir.resolve("node.yaml"), """
                database: { url: "%s", username: postgres, pool-size: %d }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                delivery: { concurrency: %d, rate-per-second: 0 }
                schedule: { poll-every: 1h, editions-every: 1h, deliver-every: 1s }
                feeds: []
                newsletters:
                  - { id: %s, title: "%s", schedule: "0 0 8 1 1 ? 2099", time-zone: %s }
                """.formatted(databaseConfig.url(), CONCURRENCY + 4, sink.port(), CONCURRENCY,
                SendBenchmark.NEWSLETTER.id(), SendBenchmark.NEWSLETTER.title(), SendBenchmark.NEWSLETTER.timeZone().getId()));
        List<NodeProcess> nodes = new ArrayList<>();
        try (Database database = Database.open(databaseConfig)) {
            InstantSource clock = InstantSource.system();
            EditionStore editions = new EditionStore(database);
            editions.syncNewsletters(List.of(SendBenchmark.NEWSLETTER), clock.instant());
            BenchSubscribers.insert(database, messages, SendBenchmark.NEWSLETTER.id(),
                    SendBenchmark.NEWSLETTER.timeZone(), clock.instant());
            for (int n = 1; n <= nodeCount; n++) {
                nodes.add(NodeProcess.start(config, dir.resolve("node" + n + ".log")));
            }
            for (NodeProcess node : nodes) {
                node.awaitRunning(Duration.ofSeconds(60));
            }
            // A first edition warms the nodes' JVMs up; the second is measured.
            awaitSent(database, SendBenchmark.edition(database, editions, clock, 1), messages, nodes);
            long sinkBefore = sink.messages();
            double cpuBefore = NodeProcess.cpuSeconds(nodes);
            long start = System.nanoTime();
            awaitSent(database, SendBenchmark.edition(database, editions, clock, 2), messages, nodes);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = NodeProcess.cpuSeconds(nodes) - cpuBefore;
            System.out.printf("sink %2d ms, %d node%s: %,d sent in %.2f s, %,.0f msgs/s, nodes' CPU %.1f s (%.0f%% of "
                            + "2 cores), sink counted %,d, sent per node since start %s%n", delayMillis, nodeCount,
                    nodeCount == 1 ? " " : "s", messages, seconds, messages / seconds, cpu,
                    100 * cpu / (seconds * Runtime.getRuntime().availableProcessors()), sink.messages() - sinkBefore,
                    perNode(database, nodeCount, 2 * messages));
            return messages / seconds;
        } finally {
            for (NodeProcess node : nodes) {
                node.stop();
            }
        }
    }

    private static void awaitSent(Database database, long edition, int messages, List<NodeProcess> nodes)
            throws Exception {
        while (sent(database, edition) < messages) {
            Thread.sleep(50);
            for (NodeProcess node : nodes) {
                node.checkAlive();
            }
        }
    }

    private static int sent(Database database, long edition) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM outbox WHERE state = 'sent' AND edition_id = " + edition)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** How many messages each node says it sent (its row in the nodes table, written after each delivery). */
    private static String perNode(Database database, int nodeCount, int messages) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Long> counts = new ArrayList<>();
            try (Connection c = database.dataSource().getConnection();
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT messages_sent FROM nodes ORDER BY messages_sent DESC")) {
                while (rs.next()) {
                    counts.add(rs.getLong(1));
                }
            }
            if (counts.stream().mapToLong(Long::longValue).sum() >= messages || System.nanoTime() > deadline) {
                return counts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("/"))
                        + (counts.size() == nodeCount ? "" : " (" + counts.size() + " nodes recorded)");
            }
            Thread.sleep(100);
        }
    }

    /** One {@code feedletter run} in its own JVM. */
    private record NodeProcess(Process process, Path log) {

        static NodeProcess start(Path config, Path log) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString(), "run", "--config",
                    config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new NodeProcess(process, log);
        }

        void awaitRunning(Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!Files.readString(log).contains("feedletter is running")) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node did not start within " + limit + "; see " + log);
                }
                Thread.sleep(100);
            }
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + "; see " + log);
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        /** CPU seconds the node processes have used so far. */
        static double cpuSeconds(List<NodeProcess> nodes) {
            return nodes.stream().mapToDouble(n -> n.process.info().totalCpuDuration()
                    .map(d -> d.toNanos() / 1e9).orElse(Double.NaN)).sum();
        }
    }
}
