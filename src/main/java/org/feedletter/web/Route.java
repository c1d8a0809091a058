package org.feedletter.web;

import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One route's handler: Jetty's request and response, plus the path's {@code {name}} parameters. It must complete
 * the callback (see {@link Responses}). Jetty stays inside this package.
 */
@FunctionalInterface
public interface Route {

    void handle(Request request, Response response, Callback callback, Map<String, String> pathParameters)
            throws Exception;
}
