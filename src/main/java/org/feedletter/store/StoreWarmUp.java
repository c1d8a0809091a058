package org.feedletter.store;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The slow first steps of opening the store that need nothing from the command, for a thread of their own to take
 * while the main thread parses the command line and reads the config: the JDBC drivers found and loaded, the secure
 * random numbers the pool names its connections with seeded, JDBI's configuration classes set up by a first
 * instance (about 45 ms), and the Flight Recorder event JDBI registers at its first statement, which builds the
 * JDK's whole event metadata (about 65 ms). What is not done when the store opens, the main thread waits for, as it
 * would have done it itself.
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Start-up, fifth session" (the figures above are from its profile; the
 * Flight Recorder's share was measured with {@code -XX:-FlightRecorder} against without). If a later JDBI moves its
 * registration, this warms nothing and costs nothing; a profile of {@code status} shows it.
 */
public final class StoreWarmUp {

    /** JDBI's holder of that registration (internal: if a later JDBI moves it, this warms nothing). */
    private static final String JDBI_FLIGHT_RECORDER = "org.jdbi.v3.core.statement.internal.JfrSupport";

    private StoreWarmUp() {}

    /** In the order the main thread comes to them. */
    public static void warm() {
        DriverManager.getDrivers();
        UUID.randomUUID();
        Jdbi.create(() -> {
            throw new SQLException("the warm-up instance never connects");
        });
        try {
            Class.forName(JDBI_FLIGHT_RECORDER, true, StoreWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // nothing to warm: the first statement does whatever JDBI does then
        }
    }
}
