package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.feedletter.config.AddressRange;
import org.feedletter.config.ClientAddressHeader;
import org.feedletter.config.WebConfig;
import org.junit.jupiter.api.Test;

/** Which address a request counts as coming from, with and without trusted proxies. */
class ClientAddressesTest {

    private static final List<AddressRange> PROXIES = List.of(AddressRange.parse("10.0.0.0/8"),
            AddressRange.parse("2001:db8:ffff::/48"));
    private final ClientAddresses xff = new ClientAddresses(PROXIES, ClientAddressHeader.X_FORWARDED_FOR);
    private final ClientAddresses forwarded = new ClientAddresses(PROXIES, ClientAddressHeader.FORWARDED);

    private static InetAddress ip(String text) {
        return AddressRange.literal(text).orElseThrow();
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(xff.client(ip("198.51.100.9"), List.of("203.0.113.7"))).isEqualTo(ip("198.51.100.9"));
        assertThat(new ClientAddresses(List.of(), ClientAddressHeader.X_FORWARDED_FOR)
                .client(ip("10.0.0.2"), List.of("203.0.113.7"))).isEqualTo(ip("10.0.0.2"));
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(xff.client(ip("10.0.0.2"), List.of("203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("1.1.1.1, 203.0.113.7, 10.0.0.5")))
                .as("what the client wrote stands left and is not believed").isEqualTo(ip("203.0.113.7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("1.1.1.1", "203.0.113.7"))).as("two header lines")
                .isEqualTo(ip("203.0.113.7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("2001:db8:1::7, 2001:db8:ffff::1")))
                .isEqualTo(ip("2001:db8:1::7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("[2001:db8:1::7]:4711"))).isEqualTo(ip("2001:db8:1::7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("203.0.113.7:5000"))).isEqualTo(ip("203.0.113.7"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("10.0.0.9, 10.0.0.5"))).as("all trusted: the first")
                .isEqualTo(ip("10.0.0.9"));
    }

    @Test
    void withoutAHeaderOrWithAHopThatIsNoAddressItIsTheNearestProxy() {
        assertThat(xff.client(ip("10.0.0.2"), List.of())).isEqualTo(ip("10.0.0.2"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("203.0.113.7, unknown"))).isEqualTo(ip("10.0.0.2"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("203.0.113.7, garbage, 10.0.0.3"))).isEqualTo(ip("10.0.0.3"));
        assertThat(xff.client(ip("10.0.0.2"), List.of("localhost"))).as("never looked up").isEqualTo(ip("10.0.0.2"));
        assertThat(xff.client(ip("10.0.0.2"), List.of(""))).isEqualTo(ip("10.0.0.2"));
    }

    @Test
    void theForwardedHeaderIsReadByItsForParameters() {
        assertThat(forwarded.client(ip("10.0.0.2"), List.of("for=1.1.1.1, for=203.0.113.7;proto=https;by=10.0.0.2")))
                .isEqualTo(ip("203.0.113.7"));
        assertThat(forwarded.client(ip("10.0.0.2"), List.of("For=\"[2001:db8:1::7]:4711\"")))
                .isEqualTo(ip("2001:db8:1::7"));
        assertThat(forwarded.client(ip("10.0.0.2"), List.of("for=_hidden"))).isEqualTo(ip("10.0.0.2"));
        assertThat(forwarded.client(ip("10.0.0.2"), List.of("for=\"1.1.1.1, for=203.0.113.7")))
                .as("broken quoting spoils only what stands left").isEqualTo(ip("203.0.113.7"));
        assertThat(forwarded.client(ip("10.0.0.2"), List.of("proto=https"))).isEqualTo(ip("10.0.0.2"));
    }

    @Test
    void overHttpOnlyATrustedPeersHeaderCounts() throws Exception {
        Router router = new Router().get("/who", (request, response, callback, p) ->
                Responses.plain(response, callback, 200, Requests.clientAddress(request) + " "
                        + Requests.clientNetwork(request)));
        HttpClient client = HttpClient.newHttpClient();
        for (String trusted : new String[] {"127.0.0.1", "10.0.0.0/8"}) {
            WebConfig config = new WebConfig("127.0.0.1", 0, URI.create("http://localhost"), "",
                    List.of(AddressRange.parse(trusted)), ClientAddressHeader.X_FORWARDED_FOR, "");
            try (WebServer server = new WebServer(config, router)) {
                server.start();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/who"))
                        .header("X-Forwarded-For", "1.1.1.1, 2001:db8:1:2:3:4:5:6").build();
                String who = client.send(request, HttpResponse.BodyHandlers.ofString()).body();

                if (trusted.equals("127.0.0.1")) {
                    assertThat(who).isEqualTo("2001:db8:1:2:3:4:5:6 2001:db8:1:2:0:0:0:0/64");
                } else {
                    assertThat(who).as("the peer is not a trusted proxy").isEqualTo("127.0.0.1 127.0.0.1");
                }
            }
        }
    }
}
