package org.feedletter.config;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of address that are not the public internet: the machine itself, the operator's own networks, and
 * addresses that name no single host. A feed may redirect to one of these only when {@code fetch.allow-internal}
 * allows it; each kind's word is how that setting names the whole kind.
 */
public enum AddressKind {

    /** 0.0.0.0/8 as well as 0.0.0.0 itself: Linux connects 0.0.0.0 to the machine itself. */
    UNSPECIFIED("unspecified", "an unspecified address", "0.0.0.0/8", "::/128"),
    LOOPBACK("loopback", "a loopback address", "127.0.0.0/8", "::1/128"),
    /**
     * RFC 1918, the carrier-grade NAT space of RFC 6598 (just as internal to whoever runs it), and IPv6's deprecated
     * site-local fec0::/10, which old networks still route inside.
     */
    PRIVATE("private", "a private address", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
            "fec0::/10"),
    /** Cloud metadata services answer on 169.254.169.254. */
    LINK_LOCAL("link-local", "a link-local address", "169.254.0.0/16", "fe80::/10"),
    UNIQUE_LOCAL("unique-local", "a unique-local address", "fc00::/7"),
    MULTICAST("multicast", "a multicast address", "224.0.0.0/4", "ff00::/8");

    private final String word;
    private final String described;
    private final AddressRange range;

    AddressKind(String word, String described, String... blocks) {
        this.word = word;
        this.described = described;
        this.range = AddressRange.of(word, blocks);
    }

    /** The kind of an address, or empty for a public one. An IPv4-mapped IPv6 address is its IPv4 address. */
    public static Optional<AddressKind> of(InetAddress address) {
        return Arrays.stream(values()).filter(kind -> kind.range.contains(address)).findFirst();
    }

    static Optional<AddressKind> named(String word) {
        return Arrays.stream(values()).filter(kind -> kind.word.equals(word)).findFirst();
    }

    /** How {@code fetch.allow-internal} names the kind: "loopback", "link-local". */
    public String word() {
        return word;
    }

    /** For messages: "a loopback address". */
    public String described() {
        return described;
    }

    public AddressRange range() {
        return range;
    }
}
