package org.feedletter.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a background thread or another process does; fails with a clear message on timeout. */
public final class Waiting {

    private Waiting() {}

    public static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not so after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
