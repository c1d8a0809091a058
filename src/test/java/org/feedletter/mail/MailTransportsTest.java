package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.MailConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTransportsTest {

    @TempDir
    Path dir;

    @Test
    void everyTransportTheConfigAcceptsIsRegisteredUnderItsNameAndNoOther() {
        assertThat(MailTransports.names()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MailConfig.Transport.values()).map(MailTransports::nameOf).toList());
    }

    @Test
    void theConfigsNameBuildsThatTransport() throws Exception {
        Path config = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:transports" }
                mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                """.formatted(dir.resolve("outbox")));

        MailTransport transport = MailTransports.of(new ConfigLoader(Map.of()).load(config).mail());

        assertThat(transport).isInstanceOf(FileTransport.class);
        assertThat(transport.describe()).contains(dir.resolve("outbox").toString());
    }
}
