package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.feedletter.config.WebConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong, the answer is a plain page with the status and its phrase: no Jetty page, no class name, no
 * echo of the request, and the headers every page gets. Raw requests, as an HTTP client would not send them.
 */
class ErrorPagesTest {

    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router()
                .get("/hello", (request, response, callback, p) -> Responses.plain(response, callback, 200, "hello"))
                .post("/form", (request, response, callback, p) -> {
                    Requests.form(request);
                    Responses.plain(response, callback, 200, "posted");
                })
                .get("/boom", (request, response, callback, p) -> {
                    throw new IllegalStateException("secret detail in java.lang.IllegalStateException");
                });
        server = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String send(String request) throws Exception {
        return RawHttp.exchange(server.port(), request);
    }

    /** The status line, the headers every page gets, and a body of the status and its phrase only. */
    static void assertPlainErrorPage(String answer, int status, String phrase) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ")
                .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", "\r\nX-Content-Type-Options: nosniff\r\n",
                        "\r\nX-Frame-Options: DENY\r\n", "\r\nContent-Security-Policy: default-src 'none';")
                .contains("\r\n\r\n" + status + " " + phrase + "\n");
        assertThat(answer.toLowerCase()).doesNotContain("jetty", "java.", "exception", "<html", "badmessage",
                "illegal character", "server:");
    }

    @Test
    void aBrokenRequestLineIsAPlain400() throws Exception {
        assertPlainErrorPage(send("GARBAGE\r\n\r\n"), 400, "Bad Request");
    }

    @Test
    void aMalformedHeaderIsAPlain400ThatDoesNotRepeatIt() throws Exception {
        String answer = send("GET /hello HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n");

        assertPlainErrorPage(answer, 400, "Bad Request");
        assertThat(answer).doesNotContain("SPACE", "/hello");
    }

    @Test
    void anAmbiguousPathIsAPlain400ThatDoesNotRepeatIt() throws Exception {
        String answer = send("GET /a%2fb<script> HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertPlainErrorPage(answer, 400, "Bad Request");
        assertThat(answer).doesNotContain("a%2fb", "<script>", "Ambiguous");
    }

    @Test
    void anOversizeHeaderIsAPlain431() throws Exception {
        assertPlainErrorPage(send("GET /hello HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n"), 431, "Request Header Fields Too Large");
    }

    @Test
    void anUnknownHttpVersionIsAPlain505() throws Exception {
        assertPlainErrorPage(send("GET /hello HTTP/7.0\r\nHost: x\r\n\r\n"), 505, "HTTP Version Not Supported");
    }

    @Test
    void anUnknownMethodIsAPlain405AndAnUnknownPathAPlain404() throws Exception {
        String unknownMethod = send("BREW /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertPlainErrorPage(unknownMethod, 405, "Method Not Allowed");
        assertThat(unknownMethod).contains("\r\nAllow: GET, HEAD, POST\r\n");

        assertPlainErrorPage(send("GET /nope HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n"),
                404, "Not Found");
    }

    @Test
    void aRouteThatThrowsIsAPlain500WithoutItsMessage() throws Exception {
        String answer = send("GET /boom HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertPlainErrorPage(answer, 500, "Server Error");
        assertThat(answer).doesNotContain("secret");
    }

    @Test
    void aFormTooLargeIsAPlain413NamingTheLimit() throws Exception {
        String body = "a=" + "x".repeat(100_000);
        String answer = send("POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body);

        assertPlainErrorPage(answer, 413, "Payload Too Large");
        assertThat(answer).contains("the form is larger than 64 KB");
    }

    @Test
    void aChunkedFormTooLargeIsA413Too() throws Exception {
        String chunk = "a=" + "x".repeat(100_000);
        String answer = send("POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

        assertPlainErrorPage(answer, 413, "Payload Too Large");
    }
}
