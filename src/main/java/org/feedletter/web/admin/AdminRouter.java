package org.feedletter.web.admin;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.feedletter.config.AdminConfig;
import org.feedletter.config.Durations;
import org.feedletter.config.WebConfig;
import org.feedletter.store.AdminLogoutStore;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Route;
import org.feedletter.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages' front door: login and logout, and the checks every admin request passes before a section sees
 * it. A page (GET) needs a session; without one the answer is 401 with the login form. An action (POST) must come
 * from our own origin (else 403), have a session (else 401) and carry its CSRF token (else 403). Every answer asks
 * the browser to load nothing from elsewhere and never to frame the page.
 */
public final class AdminRouter {

    private static final Logger log = LoggerFactory.getLogger(AdminRouter.class);
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final AdminAuth auth;
    private final LoginThrottle throttle = new LoginThrottle();
    private final Pages pages;
    private final InstantSource clock;
    private final Map<String, AdminHandler> pageRoutes = new HashMap<>();
    private final Map<String, AdminHandler> actionRoutes = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    public AdminRouter(AdminConfig config, WebConfig web, AdminLogoutStore logouts, Pages pages, InstantSource clock) {
        this.auth = new AdminAuth(config, web, logouts, clock);
        this.pages = pages;
        this.clock = clock;
    }

    /** What {@code /admin} answers when no admin password is configured. */
    public static void registerOff(Router router) {
        Route off = (request, response, callback, p) -> Responses.plain(response, callback, 404,
                "The admin pages are off: set admin.password from an environment variable to turn them on.\n");
        router.get("/admin", off).get("/admin/{page}", off);
    }

    public AdminRouter with(AdminSection section) {
        section.addTo(this);
        return this;
    }

    /** A page: GET, for a logged-in admin. */
    void page(String path, AdminHandler handler) {
        pageRoutes.put(path, handler);
        order.add("GET " + path);
    }

    /** An action: POST from one of our pages, for a logged-in admin. */
    void action(String path, AdminHandler handler) {
        actionRoutes.put(path, handler);
        order.add("POST " + path);
    }

    public void register(Router router) {
        router.get("/admin/login", this::loginPage);
        router.post("/admin/login", this::login);
        router.post("/admin/logout", (request, response, callback, p) -> guardedAction(request, response, callback, p,
                exchange -> logout(exchange)));
        for (String route : order) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (route.startsWith("GET ")) {
                AdminHandler handler = pageRoutes.get(path);
                router.get(path, (request, response, callback, p) -> guardedPage(request, response, callback, p, handler));
            } else {
                AdminHandler handler = actionRoutes.get(path);
                router.post(path, (request, response, callback, p) ->
                        guardedAction(request, response, callback, p, handler));
            }
        }
    }

    private void guardedPage(Request request, Response response, Callback callback, Map<String, String> path,
            AdminHandler handler) throws Exception {
        Optional<AdminAuth.Session> session = auth.session(request);
        if (session.isEmpty()) {
            String target = request.getHttpURI().getPathQuery();
            loginForm(response, callback, 401, target, null);
            return;
        }
        handler.handle(new AdminExchange(this, request, response, callback, path, session.get(), Fields.EMPTY));
    }

    private void guardedAction(Request request, Response response, Callback callback, Map<String, String> path,
            AdminHandler handler) throws Exception {
        if (!auth.fromOwnOrigin(request)) {
            refuseCrossSite(request, response, callback);
            return;
        }
        Optional<AdminAuth.Session> session = auth.session(request);
        if (session.isEmpty()) {
            Requests.discardBody(request, response);
            loginForm(response, callback, 401, "/admin", "Your session has ended; log in again.");
            return;
        }
        Fields form = Requests.form(request);
        if (!auth.csrfTokenMatches(session.get(), form.getValue("csrf"))) {
            log.warn("admin: {} {} from {} refused: missing or wrong CSRF token", request.getMethod(),
                    Request.getPathInContext(request), Requests.clientAddress(request));
            securityHeaders(response);
            Responses.plain(response, callback, 403, "Refused: this form is out of date or did not come from the "
                    + "admin pages. Reload the page and try again.\n");
            return;
        }
        handler.handle(new AdminExchange(this, request, response, callback, path, session.get(), form));
    }

    private void refuseCrossSite(Request request, Response response, Callback callback) {
        log.warn("admin: {} {} from {} refused: Origin {} / Referer {} is not this site", request.getMethod(),
                Request.getPathInContext(request), Requests.clientAddress(request),
                request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get(HttpHeader.REFERER));
        Requests.discardBody(request, response);
        securityHeaders(response);
        Responses.plain(response, callback, 403, "Refused: a cross-site request (its Origin or Referer is not this "
                + "site, or it has neither).\n");
    }

    private void loginPage(Request request, Response response, Callback callback, Map<String, String> p) {
        if (auth.session(request).isPresent()) {
            Responses.redirect(response, callback, "/admin");
            return;
        }
        loginForm(response, callback, 200, Requests.query(request, "next"), null);
    }

    /**
     * Throttled per client network, or per known browser (see {@link LoginThrottle}); a browser that logs in is
     * given a known-device cookie.
     */
    private void login(Request request, Response response, Callback callback, Map<String, String> p) throws Exception {
        String client = Requests.clientAddress(request);
        if (!auth.fromOwnOrigin(request)) {
            refuseCrossSite(request, response, callback);
            return;
        }
        Optional<String> device = auth.knownDevice(request);
        String bucket = device.map(nonce -> "device " + nonce).orElseGet(() -> Requests.clientNetwork(request));
        Optional<Duration> wait = throttle.attempt(bucket, clock.instant());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            log.warn("admin: login from {}{} refused unread: too many wrong passwords, {} s to wait", client,
                    device.isPresent() ? " (a known browser)" : "", seconds);
            Requests.discardBody(request, response);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
            Duration roundedUp = seconds < 60 ? Duration.ofSeconds(seconds) : Duration.ofMinutes((seconds + 59) / 60);
            loginForm(response, callback, 429, null, "Too many wrong passwords from "
                    + (device.isPresent() ? "this browser" : "your address") + ". Try again in "
                    + Durations.inWords(roundedUp) + "."); // "45 seconds", "2 minutes"
            return;
        }
        Fields form = Requests.form(request);
        if (!auth.passwordMatches(form.getValue("password"))) {
            log.warn("admin: login from {}{} refused: wrong password", client,
                    device.isPresent() ? " (a known browser)" : "");
            loginForm(response, callback, 401, form.getValue("next"), "That is not the admin password.");
            return;
        }
        throttle.succeeded(bucket);
        log.info("admin: login from {}", client);
        Response.addCookie(response, auth.startSession());
        if (device.isEmpty()) {
            Response.addCookie(response, auth.knownDevice());
        }
        Responses.redirect(response, callback, safeTarget(form.getValue("next")));
    }

    private void logout(AdminExchange exchange) {
        log.info("admin: logout from {}", exchange.clientAddress());
        Response.addCookie(exchange.response(), auth.endSession(exchange.session()));
        Responses.redirect(exchange.response(), exchange.callback(), "/admin/login");
    }

    private void loginForm(Response response, Callback callback, int status, String next, String error) {
        if (status == 401) {
            // 401 must name a scheme; browsers show no dialog for this one, only the form in the body.
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Form realm=\"feedletter admin\"");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("next", safeTarget(next));
        model.put("error", error == null ? "" : error);
        render(response, callback, status, "admin/login.ftlh", model, null);
    }

    /** Where to go after logging in: an admin path only, never another site. */
    static String safeTarget(String next) {
        if (next == null || !next.startsWith("/admin") || next.contains("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/admin";
        }
        return next;
    }

    void render(Response response, Callback callback, int status, String template, Map<String, Object> model,
            AdminAuth.Session session) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("csrf", session == null ? "" : session.csrfToken());
        full.put("loggedIn", session != null);
        String html = pages.render(template, full);
        securityHeaders(response);
        Responses.html(response, callback, status, html);
    }

    static void securityHeaders(Response response) {
        response.getHeaders().put("Content-Security-Policy", POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "same-origin");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    InstantSource clock() {
        return clock;
    }
}
