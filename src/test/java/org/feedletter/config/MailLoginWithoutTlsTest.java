package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A login over SMTP without TLS sends the password readable by anyone on the way: the config refuses it towards
 * any host that is not this machine, unless {@code allow-login-without-tls: true} says the network is trusted.
 */
class MailLoginWithoutTlsTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("SMTP_PASSWORD", "s3cret");

    @TempDir
    Path dir;

    private Path write(String mail) throws Exception {
        return Files.writeString(dir.resolve("feedletter.yaml"), "# mail settings\n" + mail);
    }

    private MailConfig load(String mail) throws Exception {
        return new ConfigLoader(ENVIRONMENT, dir).load(write(mail)).mail();
    }

    @Test
    void aLoginWithoutTlsToAnotherMachineIsAProblemAtTheSecurityLineNamingTheKeys() throws Exception {
        Path file = write("""
                mail:
                  host: smtp.example.org
                  username: digest@example.org
                  password: ${SMTP_PASSWORD}
                  security: none
                  from: digest@example.org
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT, dir).load(file));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.message()).isEqualTo("mail: security: none would send username and password unencrypted"
                    + " to smtp.example.org; use security: starttls or ssl, or, only on a network you trust,"
                    + " allow-login-without-tls: true");
        });
        assertThat(e.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void allowLoginWithoutTlsTrueLetsItThroughAndIsOffByDefault() throws Exception {
        MailConfig allowed = load("""
                mail:
                  host: smtp.example.org
                  username: digest@example.org
                  password: ${SMTP_PASSWORD}
                  security: none
                  allow-login-without-tls: true
                  from: digest@example.org
                """);

        assertThat(allowed.allowLoginWithoutTls()).isTrue();
        assertThat(allowed.loginWithoutTlsProblem()).isEmpty();
        assertThat(load("mail: { host: smtp.example.org, from: digest@example.org }").allowLoginWithoutTls()).isFalse();
    }

    @Test
    void aBadValueForTheSwitchIsAProblemOfItsOwn() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                mail: { host: smtp.example.org, from: digest@example.org, allow-login-without-tls: sometimes }
                """));

        assertThat(e.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("allow-login-without-tls"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1",
            "::ffff:127.0.0.1"})
    void aLoginWithoutTlsToThisMachineIsFine(String host) throws Exception {
        MailConfig mail = load("""
                mail: { host: "%s", username: digest, password: "${SMTP_PASSWORD}", security: none, from: digest@example.org }
                """.formatted(host));

        assertThat(mail.loginWithoutTlsProblem()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp.example.org", "localhost.example.org", "mail.localhost", "10.0.0.5", "128.0.0.1",
            "127.0.0.256", "127.1", "2130706433", "::2", "fe80::1", "0.0.0.0", "127.0.0.1.example.org"})
    void anyOtherHostCountsAsAnotherMachine(String host) {
        assertThat(LoopbackHost.isLoopback(host)).as(host).isFalse();
    }

    @Test
    void withoutALoginOrWithTlsNothingIsSentInTheClear() throws Exception {
        assertThat(load("mail: { host: smtp.example.org, security: none, from: digest@example.org }")
                .loginWithoutTlsProblem()).isEmpty();
        for (String security : new String[] {"starttls", "ssl"}) {
            assertThat(load("""
                    mail: { host: smtp.example.org, username: d, password: "${SMTP_PASSWORD}", security: %s, from: d@example.org }
                    """.formatted(security)).loginWithoutTlsProblem()).isEmpty();
        }
        assertThat(load("mail: { transport: file, username: d, security: none, from: d@example.org }")
                .loginWithoutTlsProblem()).isEmpty();
    }
}
