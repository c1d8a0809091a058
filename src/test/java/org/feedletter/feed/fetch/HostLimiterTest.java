package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HostLimiterTest {

    private final HostLimiter limiter = new HostLimiter(2);

    @Test
    void waitingForASlotEndsAtTheDeadline() throws Exception {
        limiter.acquire("feeds.example:443", later(10_000));
        limiter.acquire("feeds.example:443", later(10_000));

        assertThat(limiter.acquire("feeds.example:443", later(50))).isNull();
    }

    @Test
    void slotIsFreeAgainOnceClosed() throws Exception {
        HostLimiter.Slot first = limiter.acquire("feeds.example:443", later(10_000));
        limiter.acquire("feeds.example:443", later(10_000));

        first.close();

        assertThat(limiter.acquire("feeds.example:443", later(10_000))).isNotNull();
    }

    @Test
    void eachHostHasItsOwnSlots() throws Exception {
        limiter.acquire("feeds.example:443", later(10_000));
        limiter.acquire("feeds.example:443", later(10_000));

        assertThat(limiter.acquire("other.example:443", later(0))).isNotNull();
    }

    @Test
    void waitersGetTheSlotInTheOrderTheyCame() throws Exception {
        HostLimiter one = new HostLimiter(1);
        HostLimiter.Slot held = one.acquire("feeds.example:80", later(10_000));
        List<String> order = new CopyOnWriteArrayList<>();
        Thread first = waiter(one, "first", order);
        awaitWaiting(first);
        Thread second = waiter(one, "second", order);
        awaitWaiting(second);

        held.close();
        first.join();
        second.join();

        assertThat(order).containsExactly("first", "second");
    }

    private static Thread waiter(HostLimiter limiter, String name, List<String> order) {
        Thread thread = new Thread(() -> {
            try (HostLimiter.Slot slot = limiter.acquire("feeds.example:80", later(10_000))) {
                order.add(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static Deadline later(long millis) {
        return Deadline.startingAt(System.nanoTime(), Duration.ofMillis(millis));
    }
}
