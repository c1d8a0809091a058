package org.feedletter.web.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.feedletter.config.AdminConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.store.AdminLogoutStore;

/**
 * Who may use the admin pages, and which requests are really theirs.
 *
 * <p>A login with the configured password gets a session cookie: an expiry and a random nonce, signed with HMAC under
 * a key derived from the password (PBKDF2). Nothing but logouts is kept on the server, so a session works on every
 * node sharing the config, and changing the password ends every session. A logout ends the session in the database
 * (see {@link AdminLogoutStore}), so on every node sharing it and after a restart, and clears the cookie in the
 * browser. The cookie is HttpOnly, SameSite=Strict, limited to {@code /admin}, and Secure when the public base URL
 * is https. A browser that logs in also gets a known-device cookie, which only the login throttling reads.
 *
 * <p>Every POST must come from our own origin (its Origin header, else its Referer, must be the public base URL's
 * or the request's own) and, once logged in, carry the session's CSRF token: an HMAC of the session nonce, so a
 * token is only good with the session it was issued to.
 */
final class AdminAuth {

    static final String COOKIE = "feedletter_admin";
    private static final String COOKIE_PATH = "/admin";
    static final String DEVICE_COOKIE = "feedletter_device";
    private static final String DEVICE_COOKIE_PATH = "/admin/login";
    private static final Duration DEVICE_COOKIE_LIFETIME = Duration.ofDays(365);
    private static final byte[] SALT = "feedletter admin sessions".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 100_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 18;
    private static final int MAC_BYTES = 32;

    private final byte[] passwordDigest;
    private final SecretKeySpec key;
    private final AdminConfig config;
    private final URI baseUrl;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final AdminLogoutStore logouts;

    AdminAuth(AdminConfig config, WebConfig web, AdminLogoutStore logouts, InstantSource clock) {
        this.config = config;
        this.logouts = logouts;
        this.baseUrl = web.baseUrl();
        this.clock = clock;
        this.passwordDigest = sha256(config.password());
        this.key = new SecretKeySpec(derive(config.password()), "HmacSHA256");
    }

    /** A logged-in admin: the nonce that names the session and the CSRF token that goes with it. */
    record Session(String nonce, Instant expires, String csrfToken) {}

    /** Constant time, whatever the guess. */
    boolean passwordMatches(String given) {
        return given != null && MessageDigest.isEqual(passwordDigest, sha256(given));
    }

    /** A new session's cookie. */
    HttpCookie startSession() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        long expires = clock.instant().plus(config.sessionLength()).getEpochSecond();
        String payload = expires + "." + B64.encodeToString(nonce);
        return cookie(payload + "." + sign("session:" + payload), config.sessionLength().toSeconds());
    }

    /** Ends the session on every node, and returns a cookie that makes the browser forget it. */
    HttpCookie endSession(Session session) {
        logouts.loggedOut(session.nonce(), session.expires(), clock.instant());
        return cookie("", 0);
    }

    /**
     * A cookie that marks this browser as one the admin has logged in from: its login attempts are throttled apart
     * from its address's (see {@link LoginThrottle}), so that someone guessing from the same address, or a proxy
     * trusted too little, does not slow the owner. A random nonce signed like the sessions, sent only to the login.
     */
    HttpCookie knownDevice() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String value = B64.encodeToString(nonce);
        return cookie(DEVICE_COOKIE, value + "." + sign("device:" + value), DEVICE_COOKIE_PATH,
                DEVICE_COOKIE_LIFETIME.toSeconds());
    }

    /** The nonce of the request's known-device cookie, when it carries a genuine one. */
    Optional<String> knownDevice(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            String[] parts = cookie.getName().equals(DEVICE_COOKIE) ? cookie.getValue().split("\\.", -1) : null;
            if (parts != null && parts.length == 2 && isCanonical(parts[0], NONCE_BYTES)
                    && isCanonical(parts[1], MAC_BYTES) && MessageDigest.isEqual(
                            sign("device:" + parts[0]).getBytes(StandardCharsets.US_ASCII),
                            parts[1].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(parts[0]);
            }
        }
        return Optional.empty();
    }

    private HttpCookie cookie(String value, long maxAge) {
        return cookie(COOKIE, value, COOKIE_PATH, maxAge);
    }

    private HttpCookie cookie(String name, String value, String path, long maxAge) {
        return HttpCookie.build(name, value)
                .path(path)
                .httpOnly(true)
                .secure("https".equalsIgnoreCase(baseUrl.getScheme()))
                .sameSite(HttpCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }

    /** The session the request's cookie proves, if it is genuine and not expired. */
    Optional<Session> session(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE)) {
                Optional<Session> session = verify(cookie.getValue());
                if (session.isPresent()) {
                    return session;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Session> verify(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !isCanonical(parts[1], NONCE_BYTES) || !isCanonical(parts[2], MAC_BYTES)) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        byte[] expected = sign("session:" + payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!Long.toString(expires.getEpochSecond()).equals(parts[0])) {
            return Optional.empty(); // "+123" or "0123": signed, but not as we write it
        }
        if (!clock.instant().isBefore(expires) || logouts.isLoggedOut(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[1], expires, sign("csrf:" + parts[1])));
    }

    /**
     * True for unpadded base64url of {@code length} bytes spelled exactly as we write it: the decoder alone also takes
     * padding and unused low bits in the last character, and a nonce is looked up as text.
     */
    static boolean isCanonical(String text, int length) {
        try {
            byte[] bytes = B64_DECODER.decode(text);
            return bytes.length == length && B64.encodeToString(bytes).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    boolean csrfTokenMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * True when the request says it comes from one of our pages: its Origin, or without one its Referer, is the
     * public base URL's origin or the request's own. A request that says neither is refused, as is Origin "null"
     * (sandboxed or privacy-stripped), since we cannot tell it from a forged one.
     */
    boolean fromOwnOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            origin = request.getHeaders().get(HttpHeader.REFERER);
        }
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        Optional<String> claimed = originOf(origin);
        if (claimed.isEmpty()) {
            return false;
        }
        HttpURI own = request.getHttpURI();
        return claimed.equals(originOf(baseUrl.toString()))
                || claimed.equals(originOf(own.getScheme() + "://" + own.getAuthority()));
    }

    /** scheme://host:port with the default port made explicit, or empty for what is not an absolute http(s) URL. */
    static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] derive(String password) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), SALT, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
