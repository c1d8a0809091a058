package org.feedletter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block, such as {@code 10.0.0.0/8}, {@code 192.0.2.7} or {@code 2001:db8::/32}: what
 * {@code web.trusted-proxies} lists. Read without any DNS lookup, and written back as it was written.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starts with a hex digit or a colon and holds a colon: the JDK parses such text as an IPv6 literal, never a name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private AddressRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * The range, or an {@link IllegalArgumentException} saying what is wrong with it. An address stands for itself
     * alone; a block whose address has bits set beyond its prefix is refused (10.1.2.3/8 most likely means
     * 10.0.0.0/8, or a typo).
     */
    public static AddressRange parse(String written) {
        String text = written.strip().toLowerCase(Locale.ROOT);
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).map(InetAddress::getAddress).orElseThrow(() ->
                new IllegalArgumentException("not an IP address"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("the prefix length must be from 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        byte[] network = masked(bytes, prefix);
        if (!Arrays.equals(network, bytes)) {
            throw new IllegalArgumentException("bits are set beyond the /" + prefix + " prefix; did you mean "
                    + literalText(network) + "/" + prefix + "?");
        }
        return new AddressRange(text, network, prefix);
    }

    /**
     * An IP address written as one (IPv4 dotted, IPv6 with colons), or empty for anything else. Never a DNS lookup:
     * what is parsed here may come from a request header.
     */
    public static Optional<InetAddress> literal(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String octet = v4.group(i + 1);
                int value = Integer.parseInt(octet);
                if (value > 255 || octet.length() > 1 && octet.startsWith("0")) {
                    return Optional.empty(); // 010 is octal to some parsers, decimal to others
                }
                bytes[i] = (byte) value;
            }
            return byAddress(bytes);
        }
        if (IPV6.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text)); // a literal with a colon: parsed, never looked up
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static String literalText(byte[] bytes) {
        return byAddress(bytes).map(InetAddress::getHostAddress).orElseThrow();
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefix == prefix && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** As written in the config file, so that {@code config check} prints what the file takes. */
    @Override
    public String toString() {
        return text;
    }
}
