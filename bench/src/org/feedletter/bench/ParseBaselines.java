package org.feedletter.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The two references the ingest issue names, measured in the same run on the same feeds and the same cores: a bare
 * XML parse (the JDK's SAX parser, counting {@code item} elements and nothing else) and Python's feedparser (one
 * process per core, each on its share of the feeds).
 */
final class ParseBaselines {

    private static final String SCRIPT = "bench/feedparser_baseline.py";

    private ParseBaselines() {}

    /** Items per second on {@code threads} threads: the median of three passes after one to warm up. */
    static double bareXmlParse(List<byte[]> bodies, int threads) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        List<Double> rates = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            AtomicInteger items = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        SAXParser parser = factory.newSAXParser();
                        for (int i = first; i < bodies.size(); i += threads) {
                            parser.reset();
                            parser.parse(new ByteArrayInputStream(bodies.get(i)), new DefaultHandler() {
                                @Override
                                public void startElement(String uri, String local, String qName, Attributes a) {
                                    if (local.equals("item")) {
                                        items.incrementAndGet();
                                    }
                                }
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            if (pass > 0) {
                rates.add(items.get() / ((System.nanoTime() - start) / 1e9));
            }
        }
        return rates.stream().sorted().toList().get(1);
    }

    /**
     * Items per second of feedparser over the first {@code feeds} feeds, one process per core each parsing its
     * share (the interpreters' start and imports not counted), or -1 with the reason printed when no Python here
     * has feedparser.
     */
    static double feedparser(List<byte[]> bodies, int feeds, int processes) throws IOException, InterruptedException {
        String python = pythonWithFeedparser();
        if (python == null) {
            System.out.println("feedparser baseline: skipped, no python3 here imports feedparser "
                    + "(apt-get install -y python3-feedparser)");
            return -1;
        }
        Path dir = Files.createTempDirectory("bench-feedparser");
        try {
            List<List<String>> shares = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                shares.add(new ArrayList<>(List.of(python, SCRIPT)));
            }
            for (int f = 0; f < Math.min(feeds, bodies.size()); f++) {
                Path file = dir.resolve("feed" + f + ".xml");
                Files.write(file, bodies.get(f));
                shares.get(f % processes).add(file.toString());
            }
            List<Process> running = new ArrayList<>();
            for (List<String> command : shares) {
                running.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            int entries = 0;
            double slowest = 0;
            for (Process p : running) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.matches("\\d+ [0-9.eE+-]+")) {
                    p.destroyForcibly();
                    throw new IllegalStateException("feedparser baseline failed (" + SCRIPT + " printed '" + out + "')");
                }
                String[] figures = out.split(" ");
                entries += Integer.parseInt(figures[0]);
                slowest = Math.max(slowest, Double.parseDouble(figures[1]));
            }
            return entries / slowest;
        } finally {
            ExternalTool.deleteFlatDirectory(dir);
        }
    }

    private static String pythonWithFeedparser() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import feedparser").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }
}
