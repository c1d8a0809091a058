package org.feedletter;

import java.util.Calendar;
import org.feedletter.store.StoreWarmUp;

/**
 * Start-up work that needs nothing from the command, done on the machine's other core while the main thread parses
 * the command line and reads the config. Class initialization is the JVM's to order: whichever thread comes second
 * waits for the first, so nothing here can run twice or half.
 *
 * <p>What it buys is not measured on its own: docs/BENCHMARKS.md has no line for it (its sections "Start-up: what a
 * command costs from a new process (issue 19)" and "A command beside the running service (issue 17, 2026-12-05,
 * commit `af2c0af` and later)" were measured before it). The commit that added it (53bfd32) gives {@code status}
 * beside the running service 0.89 -> 0.74 s for it and three other start-up changes together; the "about 0.15 s
 * sooner" for a command that opens the store, once given here, is recorded nowhere.
 */
final class WarmUp {

    private WarmUp() {}

    static void begin() {
        Thread warmUp = new Thread(WarmUp::run, "warm-up");
        warmUp.setDaemon(true); // a command that ends sooner does not wait for it
        warmUp.start();
    }

    private static void run() {
        Calendar.getInstance(); // the time-zone and calendar data a newsletter's cron schedule reads as it is checked
        StoreWarmUp.warm();
    }
}
