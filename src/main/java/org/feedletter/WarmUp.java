package org.feedletter;

import java.util.Calendar;
import org.feedletter.store.StoreWarmUp;

/**
 * Start-up work that needs nothing from the command, done on the machine's other core while the main thread parses
 * the command line and reads the config. Class initialization is the JVM's to order: whichever thread comes second
 * waits for the first, so nothing here can run twice or half.
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Start-up, fifth session": without JDBI's Flight Recorder registration a
 * command took 0.90 of the time (15 pairs); with the other start-up changes of that session, {@code status} beside
 * the service went 0.77 -> 0.66 s. The warm-up was not measured apart from those changes.
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
