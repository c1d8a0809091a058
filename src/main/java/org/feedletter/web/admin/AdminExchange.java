package org.feedletter.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;

/** One request to the admin pages from a logged-in admin, and the ways to answer it. */
final class AdminExchange {

    private final AdminRouter router;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> path;
    private final AdminAuth.Session session;
    private final Fields form;

    AdminExchange(AdminRouter router, Request request, Response response, Callback callback, Map<String, String> path,
            AdminAuth.Session session, Fields form) {
        this.router = router;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = path;
        this.session = session;
        this.form = form;
    }

    String path(String name) {
        return path.get(name);
    }

    /** A query parameter, or "" when absent. */
    String query(String name) {
        String value = Requests.query(request, name);
        return value == null ? "" : value;
    }

    /** A field of the posted form, or "" when absent. */
    String form(String name) {
        String value = form.getValue(name);
        return value == null ? "" : value.strip();
    }

    AdminAuth.Session session() {
        return session;
    }

    String clientAddress() {
        return Requests.clientAddress(request);
    }

    Response response() {
        return response;
    }

    Callback callback() {
        return callback;
    }

    void render(String template, Map<String, Object> model) {
        router.render(response, callback, 200, template, model, session);
    }

    void notFound(String what) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Not found");
        model.put("message", what);
        model.put("back", "/admin");
        router.render(response, callback, 404, "admin/done.ftlh", model, session);
    }

    /** The answer to an action: what happened, and a link back. */
    void done(String title, String message, String back) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("message", message);
        model.put("back", back);
        render("admin/done.ftlh", model);
    }

    /** A file to save (a CSV export), with the admin pages' security headers. */
    void download(String contentType, String fileName, String body) {
        router.securityHeaders(response);
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        Responses.text(response, callback, 200, contentType, body);
    }

    void redirect(String location) {
        Responses.redirect(response, callback, location);
    }
}
