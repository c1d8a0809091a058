package org.feedletter.config;

import java.nio.file.Path;

/**
 * One thing wrong with a config file, where it is and what was expected.
 *
 * @param line 1-based; 0 when the problem concerns the file as a whole
 */
public record ConfigProblem(Path file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
