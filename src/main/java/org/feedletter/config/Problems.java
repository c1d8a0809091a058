package org.feedletter.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found in one config file, so that the operator sees them all at once. */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(int line, String message) {
        found.add(new ConfigProblem(file, line, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, as the operator will fix them. */
    List<ConfigProblem> inFileOrder() {
        return found.stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList();
    }

    ConfigException exception() {
        return new ConfigException(inFileOrder());
    }
}
