package org.feedletter.web;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/** Reading what a request carries: query and form parameters, headers, the client's address. */
public final class Requests {

    private static final int MAX_FORM_BYTES = 64 * 1024;

    private Requests() {}

    /** A query parameter's first value, or null. */
    public static String query(Request request, String name) {
        Fields.Field field = Request.extractQueryParameters(request, StandardCharsets.UTF_8).get(name);
        return field == null ? null : field.getValue();
    }

    /**
     * The fields of an application/x-www-form-urlencoded body (at most 64 KB). A failure says what was wrong in our
     * words: Jetty's messages name its classes.
     */
    public static Fields form(Request request) throws InterruptedException {
        if (request.getLength() > MAX_FORM_BYTES) {
            throw BadRequest.tooLarge();
        }
        try {
            return FormFields.from(request, StandardCharsets.UTF_8, 200, MAX_FORM_BYTES).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpException http && http.getCode() == 413) {
                throw BadRequest.tooLarge();
            }
            throw new BadRequest("the form could not be read (expected application/x-www-form-urlencoded)");
        } catch (TimeoutException e) {
            throw new BadRequest("the form did not arrive within 10 seconds");
        }
    }

    /**
     * Reads and drops the body of a request answered without reading it (a refusal, a 404), before the answer is
     * written. Jetty closes a connection whose request body was left unread, and a client that has already sent its
     * next request on it gets no answer at all. A body too large to read here is left; the answer then says
     * Connection: close, so the client knows not to reuse the connection.
     */
    public static void discardBody(Request request, Response response) {
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        long length = request.getLength();
        if (!chunked && length <= 0) {
            return;
        }
        if (chunked || length > MAX_FORM_BYTES) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return;
        }
        try {
            Content.Source.consumeAll(request);
        } catch (IOException e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    public static String header(Request request, HttpHeader header) {
        return request.getHeaders().get(header);
    }

    /**
     * The client's IP address: the connection's peer, or behind one of {@code web.trusted-proxies} the client the
     * proxy names (see {@link ClientAddresses}; the server resolves it once per request).
     */
    public static String clientAddress(Request request) {
        return client(request).getHostAddress();
    }

    /**
     * The client's address as rate limits and login throttling count it: an IPv4 address as it is, an IPv6 address
     * as its /64 network, which a single subscriber line commonly has whole (else one client would be a new one with
     * every address it picks from it).
     */
    public static String clientNetwork(Request request) {
        InetAddress client = client(request);
        if (client instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(client.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are an IPv6 address", e);
            }
        }
        return client.getHostAddress();
    }

    private static InetAddress client(Request request) {
        if (request.getAttribute(CLIENT) instanceof InetAddress resolved) {
            return resolved;
        }
        return peer(request);
    }

    /** The other end of the connection. */
    static InetAddress peer(Request request) {
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
                && socket.getAddress() != null) {
            return socket.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // not a network connection (a local connector, in tests)
    }

    /** Where the server puts the resolved client address of a request. */
    static final String CLIENT = "feedletter.client";

    /** All query parameters, first values only. */
    public static Map<String, String> queryParameters(Request request) {
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach(field -> values.put(field.getName(), field.getValue()));
        return values;
    }

    /**
     * A request that cannot be understood; the server answers it with its status (400, or 413 for a body too large)
     * and the message, which must be our own words: it is shown to the client.
     */
    public static final class BadRequest extends RuntimeException {
        private final int status;

        public BadRequest(String message) {
            this(400, message);
        }

        private BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        static BadRequest tooLarge() {
            return new BadRequest(413, "the form is larger than " + MAX_FORM_BYTES / 1024 + " KB");
        }

        public int status() {
            return status;
        }
    }
}
