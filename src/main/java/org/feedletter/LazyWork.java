package org.feedletter;

import java.util.Optional;

/**
 * The working parts, built the first time something asks for them: a command that only looks at the store never
 * builds the fetcher, the renderer or mail, and starts in a fraction of the time.
 */
final class LazyWork {

    /** How the root builds them. */
    interface Builder {
        WorkingParts build() throws StartupException;
    }

    private final Builder builder;
    private WorkingParts parts;

    LazyWork(Builder builder) {
        this.builder = builder;
    }

    /** The parts, built now if they were not; their templates are checked then. */
    synchronized WorkingParts get() {
        try {
            return buildNow();
        } catch (StartupException e) {
            throw new IllegalStateException("feedletter cannot start: " + e.getMessage(), e);
        }
    }

    /** The same, for opening: a problem is the start-up's to report. */
    synchronized WorkingParts buildNow() throws StartupException {
        if (parts == null) {
            parts = builder.build();
        }
        return parts;
    }

    /** The parts if they were built: closing must not build them. */
    synchronized Optional<WorkingParts> ifBuilt() {
        return Optional.ofNullable(parts);
    }
}
