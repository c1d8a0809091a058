package org.feedletter.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Addresses named in the config: a CIDR block such as {@code 10.0.0.0/8} or {@code fd00::/8}, a single address, or
 * the word of an {@link AddressKind} ({@code loopback}) for all of its blocks. {@link #toString()} gives it back as
 * the config file takes it.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits, colons and an optional dotted IPv4 tail; no zone (%eth0), which names no range. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private final String written;
    private final List<Block> blocks;

    /** One CIDR block: the address's leading {@code prefix} bits. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                if (bitAt(address, bit) != bitAt(network, bit)) {
                    return false;
                }
            }
            return true;
        }
    }

    private AddressRange(String written, List<Block> blocks) {
        this.written = written;
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Reads a range as written in the config.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without quoting it (the caller does)
     */
    public static AddressRange parse(String text) {
        String range = text.strip().toLowerCase(Locale.ROOT);
        var kind = AddressKind.named(range);
        if (kind.isPresent()) {
            return kind.get().range();
        }
        return new AddressRange(range, List.of(block(range)));
    }

    /** A kind's blocks under its word. */
    static AddressRange of(String word, String... blocks) {
        return new AddressRange(word, Arrays.stream(blocks).map(AddressRange::block).toList());
    }

    /**
     * An IP address written as one (four decimal octets, IPv6 with colons), or empty for anything else, never a DNS
     * lookup: what is parsed here may come from a request header ({@code X-Forwarded-For}).
     */
    public static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByAddress(bytesOf(text.strip().toLowerCase(Locale.ROOT))));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = plain(address).getAddress();
        return blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /**
     * The address a connection really goes to: an IPv4-mapped IPv6 address (::ffff:127.0.0.1) or an IPv4-compatible
     * one (::127.0.0.1) is its IPv4 address. The JDK turns a mapped address it parses into IPv4 itself, but not one
     * built from bytes.
     */
    public static InetAddress plain(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0 && (bytes[12] | bytes[13]) != 0; // not ::, ::1
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static Block block(String range) {
        int slash = range.indexOf('/');
        String addressText = slash < 0 ? range : range.substring(0, slash);
        byte[] address = bytesOf(addressText);
        int bits = address.length * 8;
        int prefix = slash < 0 ? bits : prefix(range.substring(slash + 1), bits);
        for (int bit = prefix; bit < bits; bit++) {
            if (bitAt(address, bit)) {
                throw new IllegalArgumentException("it has address bits set past its /" + prefix + " prefix (did you mean "
                        + network(address, prefix) + "/" + prefix + "?)");
            }
        }
        return new Block(address, prefix);
    }

    /**
     * The address's bytes, parsed without any DNS lookup: only what the patterns let through reaches
     * {@link InetAddress#getByName}, which takes four decimal octets or anything with a colon as a literal.
     */
    private static byte[] bytesOf(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (v4 ? !Arrays.stream(text.split("\\.")).allMatch(AddressRange::isOctet) : !IPV6.matcher(text).matches()) {
            throw notARange();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw notARange();
        }
        if (!v4 && address instanceof Inet4Address) {
            throw new IllegalArgumentException("it is an IPv4-mapped IPv6 address; write it as IPv4, e.g. "
                    + address.getHostAddress());
        }
        return address.getAddress();
    }

    /** 0 to 255 without leading zeros, which some read as octal. */
    private static boolean isOctet(String part) {
        return (part.length() == 1 || part.charAt(0) != '0') && Integer.parseInt(part) <= 255;
    }

    private static int prefix(String text, int bits) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= bits && text.equals(Integer.toString(prefix))) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a prefix length from 0 to " + bits + " after the /");
    }

    private static IllegalArgumentException notARange() {
        return new IllegalArgumentException("expected a CIDR block such as 10.0.0.0/8 or fd00::/8, a single address, "
                + "or one of " + Arrays.stream(AddressKind.values()).map(AddressKind::word)
                .collect(Collectors.joining(", ")));
    }

    private static String network(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.written.equals(written);
    }

    @Override
    public int hashCode() {
        return written.hashCode();
    }

    /** As the config file takes it back: "10.0.0.0/8", "fd00::/8", "loopback". */
    @Override
    public String toString() {
        return written;
    }
}
