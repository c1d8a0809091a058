package org.feedletter.config;

import java.nio.file.Path;

/**
 * How digests leave: over SMTP, or as .eml files into {@code outboxDir} (the offline default).
 *
 * @param from an RFC 5322 address, e.g. {@code "Quick Comments <digest@example.org>"}
 */
public record MailConfig(
        Transport transport,
        String host,
        int port,
        Security security,
        String username,
        String password,
        String from,
        Path outboxDir) {

    public enum Transport { SMTP, FILE }

    public enum Security { NONE, STARTTLS, SSL }

    @Override
    public String toString() {
        return "MailConfig[transport=" + transport + ", host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****") + ", from=" + from
                + ", outboxDir=" + outboxDir + "]";
    }
}
