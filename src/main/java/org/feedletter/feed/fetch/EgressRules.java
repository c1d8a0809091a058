package org.feedletter.feed.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.feedletter.config.AddressKind;
import org.feedletter.config.AddressRange;

/**
 * Where a fetch may connect. The feed's own host and port, as the operator gave them, always: operators poll feeds
 * on their own machines and networks. Anywhere a redirect or a web page's feed link leads, only when every address
 * the host resolves to is public, or in a range {@code fetch.allow-internal} names: otherwise a feed could point the
 * fetcher at the metrics page on another local port, the SMTP server, or a cloud's metadata service, and have the
 * answer stored and shown as its error.
 *
 * <p>The check resolves the host itself, right before the request, and the HTTP client resolves it again to connect.
 * Both go through the JDK's address cache, which keeps an answer for 30 seconds by default whatever TTL the DNS server
 * gave it ({@code networkaddress.cache.ttl}), so they see the same addresses unless the cache entry runs out in the
 * moment between the two; and a connection the client keeps alive for a host and port is reused without a new look-up.
 * A DNS server that answers with a public address for the check and a loopback one for the connection (DNS rebinding)
 * therefore needs that moment to fall between them. Closing the window needs the connected address pinned, which JDK
 * 17's HttpClient has no hook for: there is no resolver to supply (JDK 18's InetAddressResolverProvider is one) and
 * no way to learn the peer address; requesting the IP literal with the name in a Host header would break TLS (SNI and
 * the certificate check use the URL's host), and Host is a restricted header.
 */
final class EgressRules {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<AddressRange> allowed;

    EgressRules(List<AddressRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Throws when {@code target} must not be requested for the feed at {@code feedUrl}.
     *
     * @param from the URL whose redirect leads to {@code target}; null for the first request of a fetch
     */
    void check(URI feedUrl, URI target, URI from) throws FetchFailure {
        if (target.getHost() == null) {
            // InetAddress would take a missing host for the loopback address
            throw new FetchFailure("cannot fetch " + SafeUrl.of(target) + ": it names no host");
        }
        String targetKey = SafeUrl.hostKey(target);
        if (targetKey.equals(SafeUrl.hostKey(feedUrl))) {
            return; // the feed's own host and port, by name
        }
        InetAddress[] addresses = resolve(target);
        FeedsOwn own = new FeedsOwn(feedUrl);
        for (InetAddress resolved : addresses) {
            InetAddress address = AddressRange.plain(resolved);
            Optional<AddressKind> kind = AddressKind.of(address);
            if (kind.isEmpty() || allowed.stream().anyMatch(range -> range.contains(address))
                    || (port(target) == port(feedUrl) && own.isAt(address))) {
                continue;
            }
            throw refusal(feedUrl, target, from, address, kind.get());
        }
    }

    private static InetAddress[] resolve(URI target) throws FetchFailure {
        try {
            return InetAddress.getAllByName(target.getHost());
        } catch (UnknownHostException e) {
            throw new FetchFailure("unknown host " + target.getHost() + " in " + SafeUrl.of(target));
        }
    }

    /** The reason first: the feeds list shows an error's opening only. */
    private static FetchFailure refusal(URI feedUrl, URI target, URI from, InetAddress address, AddressKind kind) {
        String host = target.getHost();
        String shown = address.getHostAddress();
        String single = shown + (address.getAddress().length == 4 ? "/32" : "/128");
        String what = (literal(host) ? "" : "it resolves to " + shown + ", ") + kind.described();
        String where = from == null ? "the link " + SafeUrl.of(target) + " on " + SafeUrl.of(feedUrl)
                : "from " + SafeUrl.of(from) + " to " + SafeUrl.of(target);
        return new FetchFailure((from == null ? "feed link to " : "redirect to ") + host + ":" + port(target)
                + " refused: " + what + ", not the feed's own host and port " + SafeUrl.hostKey(feedUrl)
                + " (allow it with fetch.allow-internal, e.g. [" + single + "] or [" + kind.word() + "]); " + where);
    }

    /** The host is an address written out, as in http://127.0.0.1:25/ or http://[::1]/, not a name. */
    private static boolean literal(String host) {
        return host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    /**
     * The addresses of the feed's own host, looked up only when a redirect on its port leads to an internal address
     * by another name (127.0.0.1 to localhost). All of the loopback network counts as the machine itself.
     */
    private static final class FeedsOwn {
        private final URI feedUrl;
        private List<InetAddress> addresses;

        FeedsOwn(URI feedUrl) {
            this.feedUrl = feedUrl;
        }

        boolean isAt(InetAddress address) {
            if (addresses == null) {
                addresses = lookUp();
            }
            return addresses.contains(address)
                    || (address.isLoopbackAddress() && addresses.stream().anyMatch(InetAddress::isLoopbackAddress));
        }

        private List<InetAddress> lookUp() {
            try {
                return Arrays.stream(InetAddress.getAllByName(feedUrl.getHost())).map(AddressRange::plain).toList();
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
    }
}
