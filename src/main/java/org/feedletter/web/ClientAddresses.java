package org.feedletter.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.feedletter.config.AddressRange;
import org.feedletter.config.ClientAddressHeader;

/**
 * Who sent a request, for rate limits, login throttling and logs. Without trusted proxies: the connection's peer,
 * whatever any header says. When the peer is one of {@code web.trusted-proxies}, its header (X-Forwarded-For, or
 * Forwarded) lists the hops the request came through, each proxy appending the address it received it from. Read
 * from the right, the first hop that is not a trusted proxy is the client: whatever a client wrote into the header
 * itself stands left of that and is never believed. A hop that is no IP address ("unknown", an obfuscated name)
 * ends the walk at the proxy that wrote it.
 */
final class ClientAddresses {

    private final List<AddressRange> trusted;
    private final ClientAddressHeader header;

    ClientAddresses(List<AddressRange> trusted, ClientAddressHeader header) {
        this.trusted = List.copyOf(trusted);
        this.header = header;
    }

    /** @param headerValues every value of the configured header, in the order received */
    InetAddress client(InetAddress peer, List<String> headerValues) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = header == ClientAddressHeader.FORWARDED ? forwardedFor(headerValues)
                : forwardedForList(headerValues);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = address(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    String headerName() {
        return header.headerName();
    }

    boolean trustsAny() {
        return !trusted.isEmpty();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** {@code X-Forwarded-For: 203.0.113.7, 10.0.0.2}; several header lines are one list. */
    private static List<String> forwardedForList(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",", -1)) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /**
     * The {@code for=} of each element of {@code Forwarded: for=203.0.113.7;proto=https, for="[2001:db8::1]:4711"}
     * (RFC 7239); an element without one is a hop that cannot be read. Split at every comma, quotes or not: the
     * elements our proxies append hold none, and a client's broken quoting then spoils only what stands left.
     */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String element : forwardedForList(values)) {
            String node = "";
            for (String pair : element.split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                    node = unquoted(pair.substring(eq + 1).strip());
                }
            }
            hops.add(node);
        }
        return hops;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** A hop as proxies write it: an address, with a port or in brackets at times ("[2001:db8::1]:4711"). */
    static Optional<InetAddress> address(String hop) {
        String text = hop;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !(close == text.length() - 1 || text.charAt(close + 1) == ':')) {
                return Optional.empty();
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':') && text.contains(".")) {
            text = text.substring(0, text.indexOf(':')); // 192.0.2.43:47011
        }
        return AddressRange.literal(text);
    }
}
