package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web.trusted-proxies, web.client-address-header and web.metrics-token. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebSecurityConfigTest {

    private static final String NOT_A_RANGE = "expected a CIDR block such as 10.0.0.0/8 or fd00::/8, a single address, "
            + "or one of unspecified, loopback, private, link-local, unique-local, multicast";

    private static final String TOKEN = "metrics-token-from-the-environment";

    @TempDir
    Path workingDirectory;

    @Test
    void by_default_no_proxy_is_trusted_and_metrics_are_open() throws Exception {
        WebConfig web = load(Map.of(), "").web().orElseThrow();

        assertThat(web.trustedProxies()).isEmpty();
        assertThat(web.clientAddressHeader()).isEqualTo(ClientAddressHeader.X_FORWARDED_FOR);
        assertThat(web.metricsToken()).isEmpty();
    }

    @Test
    void trusted_proxies_are_addresses_and_cidr_blocks_of_either_family() throws Exception {
        WebConfig web = load(Map.of(), """
                  trusted-proxies: [10.0.0.0/8, 192.0.2.7, "::1", 2001:DB8::/32]
                  client-address-header: forwarded
                """).web().orElseThrow();

        assertThat(web.trustedProxies()).map(AddressRange::toString)
                .containsExactly("10.0.0.0/8", "192.0.2.7", "::1", "2001:db8::/32");
        assertThat(web.clientAddressHeader()).isEqualTo(ClientAddressHeader.FORWARDED);
        AddressRange ten = web.trustedProxies().get(0);
        assertThat(ten.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(ten.contains(InetAddress.getByName("::ffff:10.0.0.1"))).as("IPv4-mapped is IPv4").isTrue();
        assertThat(web.trustedProxies().get(1).contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(web.trustedProxies().get(1).contains(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThat(web.trustedProxies().get(2).contains(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(web.trustedProxies().get(3).contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(web.trustedProxies().get(3).contains(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(ten.contains(InetAddress.getByName("::1"))).as("another family").isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    @Test
    void a_bad_address_or_block_is_reported_at_its_line_naming_the_key() throws Exception {
        ConfigException e = failure(Map.of(), """
                  trusted-proxies:
                    - 10.0.0.0/8
                    - 10.1.2.3/8
                    - 300.1.2.3
                    - 10.0.0.0/33
                    - proxy.example.org
                    - 010.0.0.1
                  client-address-header: x-real-ip
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(7, "web: bad address range '10.1.2.3/8' for trusted-proxies: it has address bits set "
                        + "past its /8 prefix (did you mean 10.0.0.0/8?)"),
                tuple(8, "web: bad address range '300.1.2.3' for trusted-proxies: " + NOT_A_RANGE),
                tuple(9, "web: bad address range '10.0.0.0/33' for trusted-proxies: expected a prefix length "
                        + "from 0 to 32 after the /"),
                tuple(10, "web: bad address range 'proxy.example.org' for trusted-proxies: " + NOT_A_RANGE),
                tuple(11, "web: bad address range '010.0.0.1' for trusted-proxies: " + NOT_A_RANGE),
                tuple(12, "web: client-address-header must be one of x-forwarded-for, forwarded, got 'x-real-ip'"));
    }

    @Test
    void a_single_value_instead_of_a_list_is_reported() throws Exception {
        ConfigException e = failure(Map.of(), "  trusted-proxies: 10.0.0.0/8\n");

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "web: expected a list of IP addresses or CIDR blocks for trusted-proxies, got a single value"));
    }

    @Test
    void a_metrics_token_comes_from_the_environment_and_never_shows() throws Exception {
        WebConfig web = load(Map.of("FEEDLETTER_METRICS_TOKEN", TOKEN),
                "  metrics-token: ${FEEDLETTER_METRICS_TOKEN}\n").web().orElseThrow();

        assertThat(web.metricsToken()).isEqualTo(TOKEN);
        assertThat(web.toString()).doesNotContain(TOKEN).contains("metricsToken=****");
        assertThat(load(Map.of(), "  metrics-token: ${FEEDLETTER_METRICS_TOKEN:-}\n").web().orElseThrow()
                .metricsToken()).as("an optional variable not set").isEmpty();
    }

    @Test
    void a_metrics_token_in_the_file_a_short_one_and_one_no_header_can_carry_are_refused() throws Exception {
        ConfigException written = failure(Map.of(), "  metrics-token: " + TOKEN + "\n");
        assertThat(written.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith(
                "web: the metrics-token must not be written in the file").endsWith(
                "metrics-token: ${FEEDLETTER_METRICS_TOKEN}"));
        assertThat(written.getMessage()).doesNotContain(TOKEN);

        ConfigException shortOne = failure(Map.of("T", "abc"), "  metrics-token: ${T}\n");
        assertThat(shortOne.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "web: expected a metrics-token of at least 16 characters, e.g. made by 'openssl rand -hex 32'"));

        ConfigException spaces = failure(Map.of("T", "has spaces and is long enough"), "  metrics-token: ${T}\n");
        assertThat(spaces.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("web: expected a metrics-token of letters, digits and -._~+/ only")
                .doesNotContain("has spaces"));
    }

    @Test
    void literals_are_parsed_without_dns() {
        assertThat(AddressRange.literal("192.0.2.1")).isPresent();
        assertThat(AddressRange.literal("2001:db8::1")).isPresent();
        assertThat(AddressRange.literal("localhost")).isEmpty();
        assertThat(AddressRange.literal("example.org")).isEmpty();
        assertThat(AddressRange.literal("1.2.3")).isEmpty();
        assertThat(AddressRange.literal("1.2.3.4:80")).isEmpty();
        assertThat(AddressRange.literal("fe80::1%eth0")).isEmpty();
        assertThat(AddressRange.literal(".:1")).isEmpty();
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/")).hasMessage("expected a prefix length from 0 to 32 after the /");
    }

    private FeedletterConfig load(Map<String, String> environment, String webKeys) throws Exception {
        return new ConfigLoader(withWebSecret(environment), workingDirectory).load(write(webKeys));
    }

    private ConfigException failure(Map<String, String> environment, String webKeys) throws IOException {
        Path file = write(webKeys);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(withWebSecret(environment), workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e;
    }

    /** A file whose web section ends with {@code webKeys} (from line 5), each indented by two spaces. */
    private Path write(String webKeys) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), """
                mail: { transport: file, from: digest@example.org }
                web:
                  port: 8080
                  secret: "${FEEDLETTER_SECRET}"
                """ + webKeys);
    }

    private static Map<String, String> withWebSecret(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef");
        return all;
    }
}
