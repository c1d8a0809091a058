package org.feedletter;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void theHttpClientsSelectorThreadsEndSoTheProcessNeedNotWaitForThemAtExit() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("-SelectorManager")).toList();
        assertFalse(selectors.isEmpty(), "a JDK HTTP client runs a selector thread");

        Main.endHttpClientSelectors();

        for (Thread selector : selectors) {
            selector.join(10_000);
            assertFalse(selector.isAlive(), selector.getName() + " still runs");
        }
        Reference.reachabilityFence(client); // the client is still in use: its thread did not end on its own
    }
}
