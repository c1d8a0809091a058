package org.feedletter.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How digests leave: over SMTP, or as .eml files into {@code outboxDir} (the offline default).
 *
 * @param from an RFC 5322 address, e.g. {@code "Quick Comments <digest@example.org>"}
 * @param allowLoginWithoutTls lets {@code security: none} log in to a server that is not on this machine, which
 *     sends username and password readable by anyone on the way; off unless the operator says so
 */
public record MailConfig(
        Transport transport,
        String host,
        int port,
        Security security,
        String username,
        String password,
        String from,
        Path outboxDir,
        boolean allowLoginWithoutTls) {

    public enum Transport { SMTP, FILE }

    public enum Security { NONE, STARTTLS, SSL }

    /** The config key that allows logging in without TLS, as the file spells it. */
    public static final String ALLOW_LOGIN_WITHOUT_TLS = "allow-login-without-tls";

    /** Without allowing a login in the clear, which only {@code mail.allow-login-without-tls: true} does. */
    public MailConfig(Transport transport, String host, int port, Security security, String username, String password,
            String from, Path outboxDir) {
        this(transport, host, port, security, username, password, from, outboxDir, false);
    }

    /** A login with {@code security: none}: the username and password go over the wire unencrypted. */
    public boolean sendsLoginInClear() {
        return transport == Transport.SMTP && !username.isEmpty() && security == Security.NONE;
    }

    /**
     * Why these settings must not be used: with {@code security: none} a login sends the username and password
     * unencrypted, which is refused towards any host that is not this machine unless explicitly allowed.
     */
    public Optional<String> loginWithoutTlsProblem() {
        if (!sendsLoginInClear() || allowLoginWithoutTls || LoopbackHost.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("security: none would send username and password unencrypted to " + host
                + "; use security: starttls or ssl, or, only on a network you trust, " + ALLOW_LOGIN_WITHOUT_TLS
                + ": true");
    }

    @Override
    public String toString() {
        return "MailConfig[transport=" + transport + ", host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****") + ", from=" + from
                + ", outboxDir=" + outboxDir + ", allowLoginWithoutTls=" + allowLoginWithoutTls + "]";
    }
}
