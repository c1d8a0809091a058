package org.feedletter.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final List<String> FIXTURES = List.of("rss091-netscape.xml", "rss092.xml", "rss10.rdf", "rss20.xml",
            "atom03.xml", "atom10.xml", "jsonfeed10.json", "jsonfeed11.json", "page-with-feeds.html", "truncated.xml",
            "billion-laughs.xml", "html-entities.xml", "svg.xml", "broken.json");

    @Test
    void oneParserServesManyThreadsWithTheSameResultsAsOne() throws Exception {
        FeedParser parser = new FeedParser();
        List<ParseResult> expected = new ArrayList<>();
        for (String fixture : FIXTURES) {
            expected.add(parser.parse(bytes(fixture), null, FEED_URL));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<ParseResult>>> rounds = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                rounds.add(threads.submit(() -> {
                    List<ParseResult> results = new ArrayList<>();
                    for (String fixture : FIXTURES) {
                        results.add(parser.parse(bytes(fixture), null, FEED_URL));
                    }
                    return results;
                }));
            }
            for (Future<List<ParseResult>> round : rounds) {
                assertThat(round.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
