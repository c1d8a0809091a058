package org.feedletter.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps method and path to a {@link Route}. Paths are templates: literal segments and {@code {name}} segments that
 * match one path segment, e.g. {@code /newsletters/{id}/feed.atom}. Exact paths are looked up directly; templates
 * are tried in the order they were added.
 */
public final class Router {

    private final Map<String, Route> exact = new HashMap<>();
    private final List<Template> templates = new ArrayList<>();

    public Router get(String path, Route route) {
        return add("GET", path, route);
    }

    public Router post(String path, Route route) {
        return add("POST", path, route);
    }

    public Router add(String method, String path, Route route) {
        if (path.contains("{")) {
            templates.add(new Template(method, path.split("/", -1), route));
        } else {
            exact.put(method + " " + path, route);
        }
        return this;
    }

    /** The route for a request, with its path parameters; HEAD finds the GET route. */
    Optional<Match> match(String method, String path) {
        String lookup = method.equals("HEAD") ? "GET" : method;
        Route route = exact.get(lookup + " " + path);
        if (route != null) {
            return Optional.of(new Match(route, Map.of()));
        }
        String[] segments = path.split("/", -1);
        for (Template template : templates) {
            if (template.method.equals(lookup)) {
                Map<String, String> parameters = template.match(segments);
                if (parameters != null) {
                    return Optional.of(new Match(template.route, parameters));
                }
            }
        }
        return Optional.empty();
    }

    /** True when some other method has a route at this path (so the answer is 405, not 404). */
    boolean hasPath(String path) {
        for (String key : exact.keySet()) {
            if (key.substring(key.indexOf(' ') + 1).equals(path)) {
                return true;
            }
        }
        String[] segments = path.split("/", -1);
        return templates.stream().anyMatch(t -> t.match(segments) != null);
    }

    record Match(Route route, Map<String, String> pathParameters) {}

    private record Template(String method, String[] segments, Route route) {
        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.substring(1, segment.length() - 1), path[i]);
                } else if (!segment.equals(path[i])) {
                    return null;
                }
            }
            return parameters;
        }
    }
}
