package org.feedletter.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side. {@code baseUrl} is the public address (behind a reverse proxy it differs from the bind address),
 * used for every absolute link feedletter writes: feed self links, unsubscribe and preference links.
 *
 * @param secret the key that signs confirmation, unsubscribe and preference links; from the environment, never
 *     shown (not even by {@link #toString()})
 * @param trustedProxies the reverse proxies whose {@code clientAddressHeader} names the client; empty: the
 *     connection's peer is the client, whatever a header says
 * @param metricsToken the bearer token {@code /metrics} asks for; empty: {@code /metrics} is open. From the
 *     environment, never shown
 * @param title what the merged feed and the home page are called: the publisher's name (default: the base URL's host)
 * @param author the merged feed's author, and its entries' where neither they nor their feed name one (default: the
 *     title)
 * @param description a line under the title on the home page and in the merged feed; may be empty
 * @param hub the WebSub hub the merged feeds name ({@code rel="hub"}) and that is told when one changes; empty: none
 * @param push WebSub subscriptions to the hubs feeds name (off by default)
 */
public record WebConfig(String bindAddress, int port, URI baseUrl, String secret, List<AddressRange> trustedProxies,
        ClientAddressHeader clientAddressHeader, String metricsToken, String title, String author, String description,
        Optional<URI> hub, PushSettings push) {

    public WebConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** No WebSub hub, no push subscriptions. */
    public WebConfig(String bindAddress, int port, URI baseUrl, String secret, List<AddressRange> trustedProxies,
            ClientAddressHeader clientAddressHeader, String metricsToken, String title, String author,
            String description) {
        this(bindAddress, port, baseUrl, secret, trustedProxies, clientAddressHeader, metricsToken, title, author,
                description, Optional.empty(), PushSettings.OFF);
    }

    /** No push subscriptions. */
    public WebConfig(String bindAddress, int port, URI baseUrl, String secret, List<AddressRange> trustedProxies,
            ClientAddressHeader clientAddressHeader, String metricsToken, String title, String author,
            String description, Optional<URI> hub) {
        this(bindAddress, port, baseUrl, secret, trustedProxies, clientAddressHeader, metricsToken, title, author,
                description, hub, PushSettings.OFF);
    }

    /** No WebSub hub for the merged feeds. */
    public WebConfig(String bindAddress, int port, URI baseUrl, String secret, List<AddressRange> trustedProxies,
            ClientAddressHeader clientAddressHeader, String metricsToken, String title, String author,
            String description, PushSettings push) {
        this(bindAddress, port, baseUrl, secret, trustedProxies, clientAddressHeader, metricsToken, title, author,
                description, Optional.empty(), push);
    }

    /** Named by its base URL's host, no description. */
    public WebConfig(String bindAddress, int port, URI baseUrl, String secret, List<AddressRange> trustedProxies,
            ClientAddressHeader clientAddressHeader, String metricsToken) {
        this(bindAddress, port, baseUrl, secret, trustedProxies, clientAddressHeader, metricsToken,
                defaultTitle(baseUrl), defaultTitle(baseUrl), "");
    }

    /** The title a site has when none is configured: its host ("news.example.org"). */
    public static String defaultTitle(URI baseUrl) {
        return baseUrl.getHost() != null ? baseUrl.getHost() : baseUrl.toString();
    }

    /** A server without subscriber pages (tests, tools): nothing it serves is signed. */
    public WebConfig(String bindAddress, int port, URI baseUrl) {
        this(bindAddress, port, baseUrl, "");
    }

    /** No proxy trusted, {@code /metrics} open. */
    public WebConfig(String bindAddress, int port, URI baseUrl, String secret) {
        this(bindAddress, port, baseUrl, secret, List.of(), ClientAddressHeader.X_FORWARDED_FOR, "");
    }

    /** {@code path} ("/feed.atom") resolved against the public base URL, whatever path the base URL has. */
    public String absolute(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    @Override
    public String toString() {
        return "WebConfig[bindAddress=" + bindAddress + ", port=" + port + ", baseUrl=" + baseUrl + ", secret="
                + (secret.isEmpty() ? "" : "****") + ", trustedProxies=" + trustedProxies + ", clientAddressHeader="
                + clientAddressHeader + ", metricsToken=" + (metricsToken.isEmpty() ? "" : "****") + ", title=" + title
                + ", author=" + author + ", description=" + description + ", hub=" + hub.orElse(null) + ", push="
                + push + "]";
    }
}
