package org.feedletter.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Ctrl-C (INT) and TERM ask the service to stop. They are handled as requests, not as the JVM's default death,
 * so the main thread closes everything in order and exits 0: stopping when asked is not a failure.
 */
final class StopSignals {

    private final CountDownLatch requested = new CountDownLatch(1);

    StopSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> requested.countDown());
        }
    }

    void await() throws InterruptedException {
        requested.await();
    }
}
