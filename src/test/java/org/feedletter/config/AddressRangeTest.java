package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses are internal, and the ranges fetch.allow-internal names: parsed from literals only, never DNS. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            127.0.0.1,       loopback
            127.255.255.254, loopback
            ::1,             loopback
            10.0.0.1,        private
            10.255.255.255,  private
            172.16.0.1,      private
            172.31.255.255,  private
            192.168.1.1,     private
            100.64.0.1,      private
            100.127.255.255, private
            fec0::1,         private
            169.254.169.254, link-local
            169.254.0.1,     link-local
            fe80::1,         link-local
            febf:ffff::1,    link-local
            fc00::1,         unique-local
            fd12:3456:789a::1, unique-local
            224.0.0.1,       multicast
            239.255.255.250, multicast
            ff02::1,         multicast
            0.0.0.0,         unspecified
            0.1.2.3,         unspecified
            ::,              unspecified
            """)
    void internal_addresses_are_of_their_kind(String address, String kind) throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName(address))).map(AddressKind::word).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "192.169.0.1", "11.0.0.1", "223.255.255.255", "2001:4860:4860::8888",
            "2606:2800:220:1::1", "fe7f::1"})
    void public_addresses_are_of_no_kind(String address) throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @Test
    void an_ipv4_mapped_ipv6_address_is_its_ipv4_address_even_when_built_from_bytes() throws Exception {
        InetAddress mappedLoopback = mapped(127, 0, 0, 1);

        assertThat(mappedLoopback).isInstanceOf(java.net.Inet6Address.class); // the JDK keeps it IPv6 this way
        assertThat(AddressKind.of(mappedLoopback)).contains(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(mapped(10, 1, 2, 3))).contains(AddressKind.PRIVATE);
        assertThat(AddressKind.of(mapped(169, 254, 169, 254))).contains(AddressKind.LINK_LOCAL);
        assertThat(AddressKind.of(mapped(8, 8, 8, 8))).isEmpty();
        assertThat(AddressKind.of(InetAddress.getByName("::ffff:127.0.0.1"))).contains(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(InetAddress.getByName("::127.0.0.1"))).as("IPv4-compatible")
                .contains(AddressKind.LOOPBACK);
        assertThat(AddressRange.parse("10.0.0.0/8").contains(mapped(10, 9, 9, 9))).isTrue();
    }

    @Test
    void a_cidr_block_holds_the_addresses_under_its_prefix() throws Exception {
        AddressRange tens = AddressRange.parse("10.0.0.0/8");
        AddressRange docs = AddressRange.parse("fd00::/8");
        AddressRange one = AddressRange.parse("192.168.1.5");

        assertThat(tens.contains(InetAddress.getByName("10.200.0.1"))).isTrue();
        assertThat(tens.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(tens.contains(InetAddress.getByName("::a00:1"))).as("IPv4-compatible 10.0.0.1").isTrue();
        assertThat(docs.contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(docs.contains(InetAddress.getByName("fc12::1"))).isFalse();
        assertThat(docs.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(one.contains(InetAddress.getByName("192.168.1.5"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("192.168.1.6"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @Test
    void a_kinds_word_names_all_of_its_blocks() throws Exception {
        AddressRange loopback = AddressRange.parse("loopback");

        assertThat(loopback).isEqualTo(AddressKind.LOOPBACK.range());
        assertThat(loopback.contains(InetAddress.getByName("127.8.9.10"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(AddressRange.parse(" Link-Local ")).isEqualTo(AddressKind.LINK_LOCAL.range());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "fd00::/8", "192.168.1.5", "loopback", "unique-local", "::1/128",
            "2001:db8::/32"})
    void a_range_is_written_back_as_the_config_takes_it(String written) {
        assertThat(AddressRange.parse(written).toString()).isEqualTo(written);
        assertThat(AddressRange.parse(AddressRange.parse(written).toString())).isEqualTo(AddressRange.parse(written));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1/8          | it has address bits set past its /8 prefix (did you mean 10.0.0.0/8?)
            fd00::1/8           | it has address bits set past its /8 prefix (did you mean fd00:0:0:0:0:0:0:0/8?)
            10.0.0.0/33         | expected a prefix length from 0 to 32 after the /
            fd00::/129          | expected a prefix length from 0 to 128 after the /
            10.0.0.0/           | expected a prefix length from 0 to 32 after the /
            10.0.0.0/+8         | expected a prefix length from 0 to 32 after the /
            300.0.0.0/8         | expected a CIDR block such as 10.0.0.0/8 or fd00::/8, a single address, or one of unspecified, loopback, private, link-local, unique-local, multicast
            010.0.0.0/8         | expected a CIDR block
            10.0.0/8            | expected a CIDR block
            intranet.example.org| expected a CIDR block
            localhost           | expected a CIDR block
            fe80::1%eth0        | expected a CIDR block
            fd00:::/8           | expected a CIDR block
            ::ffff:10.0.0.0/104 | it is an IPv4-mapped IPv6 address; write it as IPv4, e.g. 10.0.0.0
            """)
    void a_bad_range_says_what_is_wrong(String written, String message) {
        assertThatThrownBy(() -> AddressRange.parse(written)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        return java.net.Inet6Address.getByAddress(null, bytes, -1);
    }
}
