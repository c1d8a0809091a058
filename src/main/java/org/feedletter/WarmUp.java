package org.feedletter;

import java.security.NoSuchAlgorithmException;
import java.util.Calendar;
import javax.net.ssl.SSLContext;
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

    /** @param fetches whether the command fetches feeds (its HTTP client wants the JDK's TLS set up) */
    static void begin(boolean fetches) {
        Thread warmUp = new Thread(() -> run(fetches), "warm-up");
        warmUp.setDaemon(true); // a command that ends sooner does not wait for it
        warmUp.start();
    }

    private static void run(boolean fetches) {
        Calendar.getInstance(); // the time-zone and calendar data a newsletter's cron schedule reads as it is checked
        StoreWarmUp.warm();
        if (fetches) {
            warmTls();
        }
    }

    /**
     * The default TLS context, which the fetcher's HTTP client takes as it is built: loading the JDK's trusted
     * certificates was 45 ms of {@code run --once}'s main thread (docs/BENCHMARKS.md, "Start-up, eighth session").
     */
    private static void warmTls() {
        try {
            SSLContext.getDefault().getDefaultSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            // the client meets the same when it is built, and says so there
        }
    }
}
