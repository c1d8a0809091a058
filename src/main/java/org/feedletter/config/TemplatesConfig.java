package org.feedletter.config;

import java.nio.file.Path;
import java.util.Optional;

/** An operator's template folder; templates it lacks come from the bundled ones. */
public record TemplatesConfig(Optional<Path> dir) {}
