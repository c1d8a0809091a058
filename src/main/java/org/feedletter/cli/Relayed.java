package org.feedletter.cli;

import java.util.Optional;
import java.util.function.IntSupplier;
import org.feedletter.Feedletter;

/**
 * A command the service runs for {@link RelayClient} on one of its threads: the service's open feedletter, which the
 * command uses instead of opening its own (and does not close), and the client's terminal, not the service's.
 */
record Relayed(Feedletter feedletter, Terminal terminal) {

    private static final ThreadLocal<Relayed> CURRENT = new ThreadLocal<>();

    /** The relayed command running on this thread, if any. */
    static Optional<Relayed> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static int within(Feedletter feedletter, Terminal terminal, IntSupplier command) {
        CURRENT.set(new Relayed(feedletter, terminal));
        try {
            return command.getAsInt();
        } finally {
            CURRENT.remove();
        }
    }
}
