package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.feedletter.config.MailConfig;
import org.feedletter.digest.RenderedDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTP over SSL with login, against GreenMail's SMTPS (its certificate is self-signed, so the test trusts it). */
class SmtpSecurityTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("digest@example.org", "s3cret"));

    private static Properties trustTestCertificate() {
        Properties p = new Properties();
        p.put("mail.smtp.ssl.trust", "127.0.0.1");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        return p;
    }

    private static SendResult send(String password) throws Exception {
        MailConfig config = new MailConfig(MailConfig.Transport.SMTP, "127.0.0.1", greenMail.getSmtps().getPort(),
                MailConfig.Security.SSL, "digest@example.org", password, "digest@example.org", Path.of("unused"));
        MessageComposer composer = new MessageComposer(new InternetAddress("digest@example.org"));
        MimeMessage message = composer.compose(new RenderedDigest("Über", "<p>x</p>", "x"),
                new InternetAddress("alice@example.org"), "<ssl-1@example.org>", Map.of(), new Date());
        try (MailSender sender = new SmtpTransport(config, trustTestCertificate()).open()) {
            return sender.send(message, new InternetAddress("alice@example.org"));
        }
    }

    @Test
    void sendsOverSslAfterLoggingIn() throws Exception {
        SendResult result = send("s3cret");

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(((SendResult.Sent) result).serverReply()).startsWith("250");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Über");
    }

    @Test
    void aRefusedLoginIsAConnectionProblemNamingTheUserButNotThePassword() throws Exception {
        SendResult result = send("wrong-password");

        assertThat(result).isInstanceOf(SendResult.ConnectionProblem.class);
        assertThat(((SendResult.ConnectionProblem) result).reason())
                .contains("SMTP login as digest@example.org refused").doesNotContain("wrong-password");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
