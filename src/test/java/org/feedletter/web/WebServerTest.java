package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.feedletter.config.WebConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

    private WebServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Router router = new Router()
                .get("/hello", (request, response, callback, p) -> Responses.plain(response, callback, 200, "hello"))
                .get("/newsletters/{id}/feed.atom", (request, response, callback, p) ->
                        Responses.plain(response, callback, 200, "feed of " + p.get("id")))
                .post("/form", (request, response, callback, p) -> Responses.plain(response, callback, 200, "posted"))
                .get("/boom", (request, response, callback, p) -> {
                    throw new IllegalStateException("secret detail");
                });
        server = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesByExactPathAndByTemplate() throws Exception {
        assertThat(send("GET", "/hello").body()).isEqualTo("hello");
        assertThat(send("GET", "/newsletters/quick-comment/feed.atom").body()).isEqualTo("feed of quick-comment");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/hello").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/form").statusCode()).isEqualTo(405);
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<String> head = send("HEAD", "/hello");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aFailingRouteIsA500WithoutItsDetails() throws Exception {
        HttpResponse<String> response = send("GET", "/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret");
    }
}
