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
 * <p>The check resolves the host itself, right before the request. A plain-http request to another host is then sent
 * to the very address checked (the URL's host replaced by it, the name in the Host header, which the JDK's client
 * allows only when {@code jdk.httpclient.allowRestrictedHeaders} names it: see {@link RequestSender}), so what is
 * checked is what is connected to. An https request goes by name, since SNI and the certificate check use the URL's
 * host: the client resolves it again (through the JDK's address cache, which the check filled a moment before), and
 * should a DNS server answer with a public address for the check and an internal one for the connection (DNS
 * rebinding), the internal server must present a certificate for the attacker's name, which it cannot: the handshake
 * fails and nothing it says is read.
 */
final class EgressRules {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<AddressRange> allowed;

    EgressRules(List<AddressRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Throws when {@code target} must not be requested for the feed at {@code feedUrl}; else returns the address a
     * plain-http request to another host must be sent to (the first one checked), or null where the request may go
     * by name: the feed's own host and port, a host written as an address, and https, whose certificate check against
     * the name means that an internal server reached through a changed DNS answer can give nothing back.
     *
     * @param from the URL whose redirect leads to {@code target}; null for the first request of a fetch
     */
    InetAddress check(URI feedUrl, URI target, URI from) throws FetchFailure {
        if (target.getHost() == null) {
            // InetAddress would take a missing host for the loopback address
            throw new FetchFailure("cannot fetch " + SafeUrl.of(target) + ": it names no host");
        }
        String targetKey = SafeUrl.hostKey(target);
        if (targetKey.equals(SafeUrl.hostKey(feedUrl))) {
            return null; // the feed's own host and port, by name
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
        boolean plainHttp = "http".equalsIgnoreCase(target.getScheme());
        return plainHttp && !literal(target.getHost()) ? addresses[0] : null;
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
