package org.feedletter.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.feedletter.config.MailConfig;

/**
 * The transports, each registered under the name {@code mail.transport} gives it in the config. A new transport is
 * a {@link MailConfig.Transport} (the config reads its keys) and one line here.
 */
public final class MailTransports {

    private static final Map<String, Function<MailConfig, MailTransport>> BY_NAME = Map.of(
            "smtp", SmtpTransport::new,
            "file", mail -> new FileTransport(mail.outboxDir()));

    private MailTransports() {}

    /** The transport the config names. */
    public static MailTransport of(MailConfig mail) {
        Function<MailConfig, MailTransport> make = BY_NAME.get(nameOf(mail.transport()));
        if (make == null) {
            throw new IllegalStateException("no mail transport is registered as '" + nameOf(mail.transport())
                    + "'; registered: " + names());
        }
        return make.apply(mail);
    }

    /** The names registered, as the config writes them. */
    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** A transport's name as the config writes it. */
    public static String nameOf(MailConfig.Transport transport) {
        return transport.name().toLowerCase(Locale.ROOT).replace('_', '-'); // as the config reads it
    }
}
