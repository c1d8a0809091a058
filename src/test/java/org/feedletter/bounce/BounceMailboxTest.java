package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.BounceConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.store.BounceStore.Suppression;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounce mailbox read from GreenMail over IMAP, IMAPS and POP3S: each message recorded once, then moved (IMAP)
 * or deleted (POP3); a crash between recording and moving neither loses nor doubles a report.
 */
class BounceMailboxTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort(),
            ServerSetupTest.POP3S.dynamicPort()});

    private static final String PASSWORD = "mailbox-password";

    private BounceFixture fixture;
    private GreenMailUser user;
    private long edition;

    @BeforeEach
    void setUp() {
        fixture = new BounceFixture(TestDatabases.fresh(), "alice", "bob", "carol");
        edition = fixture.newEdition();
        user = greenMail.setUser(BounceFixture.BOUNCES, "bounces", PASSWORD);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private BounceConfig.Mailbox settings(BounceConfig.Protocol protocol, MailConfig.Security security, int port,
            String password) {
        return new BounceConfig.Mailbox(protocol, "127.0.0.1", port, security, "bounces", password, "INBOX",
                "feedletter-processed", BounceConfig.Mailbox.DEFAULT_EVERY);
    }

    private BounceMailbox mailbox(BounceConfig.Mailbox settings, BounceMailbox.Checkpoint checkpoint) {
        Properties trust = new Properties();
        for (String p : new String[] {"imaps", "pop3s"}) {
            trust.put("mail." + p + ".ssl.trust", "127.0.0.1");
            trust.put("mail." + p + ".ssl.checkserveridentity", "false"); // GreenMail's certificate names no host
        }
        return new BounceMailbox(settings, fixture.parser, fixture.recorder, trust, checkpoint);
    }

    private BounceMailbox imaps() {
        return mailbox(settings(BounceConfig.Protocol.IMAP, MailConfig.Security.SSL, greenMail.getImaps().getPort(),
                PASSWORD), m -> { });
    }

    /** A DSN about a subscriber's copy of the edition, to the VERP address it went out with. */
    private byte[] dsnFor(String name, String status, String diagnostic) {
        long row = fixture.outboxId(name, edition);
        return BounceFixture.dsn("dsn-" + name + "-" + status, fixture.verp.addressFor(row),
                BounceFixture.address(name), fixture.messageId(name, edition), status, diagnostic);
    }

    private void deliver(byte[] raw) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private int messagesIn(String folder) throws Exception {
        var found = greenMail.getManagers().getImapHostManager().getFolder(user, folder);
        return found == null ? 0 : found.getMessageCount();
    }

    @Test
    void overImapsEachMessageIsRecordedOnceThenMovedAndOnlyVerifiedBouncesAct() throws Exception {
        deliver(dsnFor("alice", "5.1.1", "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown"));
        deliver(ReportParserTest.sample("out-of-office"));
        // A bounce whose VERP tag was not made with our secret: anyone can write to the bounce address.
        String forged = "bounces+" + Long.toString(fixture.outboxId("carol", edition), 36) + "-0123456789abcdef@example.org";
        deliver(BounceFixture.dsn("forged", forged, BounceFixture.address("carol"),
                fixture.messageId("carol", edition), "5.1.1", "550 5.1.1 User unknown"));

        BounceMailbox.Summary first = imaps().read();

        assertThat(first.problem()).isNull();
        assertThat(first.read()).isEqualTo(3);
        assertThat(first.recorded()).isEqualTo(3);
        assertThat(first.suppressed()).isEqualTo(1);
        assertThat(fixture.state("alice")).isEqualTo("bounced");
        assertThat(fixture.bounces.suppression(BounceFixture.address("alice"))).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo("hard");
            assertThat(s.evidence()).contains("mailbox, 5.1.1").contains("User unknown")
                    .contains("edition " + edition);
            assertThat(s.createdBy()).isEqualTo("mailbox");
        });
        assertThat(fixture.state("carol")).isEqualTo("active");
        assertThat(fixture.bounces.suppression(BounceFixture.address("carol"))).isEmpty();
        assertThat(fixture.bounces.recentReports(10)).anySatisfy(r -> {
            assertThat(r.matchedBy()).isEqualTo("none");
            assertThat(r.diagnostic()).contains("signature does not verify");
            assertThat(r.decision()).contains("not acted on");
        }).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo("none");
            assertThat(r.diagnostic()).isEqualTo("auto-reply");
        });
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("feedletter-processed")).isEqualTo(3);

        BounceMailbox.Summary second = imaps().read();
        assertThat(second.read()).isZero();
        assertThat(fixture.reportCount()).isEqualTo(3);
    }

    @Test
    void overPop3sWhatWasRecordedIsDeleted() throws Exception {
        deliver(dsnFor("bob", "4.2.2", "452 4.2.2 <bob@example.net>: Mailbox full"));

        BounceMailbox.Summary summary = mailbox(settings(BounceConfig.Protocol.POP3, MailConfig.Security.SSL,
                greenMail.getPop3s().getPort(), PASSWORD), m -> { }).read();

        assertThat(summary.problem()).isNull();
        assertThat(summary.recorded()).isEqualTo(1);
        assertThat(summary.suppressed()).isZero();
        assertThat(fixture.bounces.reportsAbout(BounceFixture.address("bob"), 5)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("soft");
            assertThat(r.status()).isEqualTo("4.2.2");
            assertThat(r.decision()).isEqualTo("soft bounce 1 of 3 within 14 days");
        });
        assertThat(fixture.state("bob")).isEqualTo("active");
        assertThat(messagesIn("INBOX")).isZero();
    }

    /** Dies between the database's commit and the mailbox's move, as a killed process would. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    @Test
    void aCrashAfterRecordingAndBeforeMovingNeitherLosesNorDoubles() throws Exception {
        deliver(dsnFor("alice", "5.1.1", "550 5.1.1 User unknown"));
        deliver(dsnFor("bob", "4.2.2", "452 4.2.2 Mailbox full"));
        deliver(dsnFor("carol", "5.1.1", "550 5.1.1 User unknown"));
        BounceConfig.Mailbox imap = settings(BounceConfig.Protocol.IMAP, MailConfig.Security.NONE,
                greenMail.getImap().getPort(), PASSWORD);
        AtomicInteger seen = new AtomicInteger();

        assertThatThrownBy(() -> mailbox(imap, m -> {
            if (seen.incrementAndGet() == 2) {
                throw new Killed(); // bob's report is committed; his message is neither moved nor flagged
            }
        }).read()).isInstanceOf(Killed.class);
        assertThat(fixture.reportCount()).isEqualTo(2);
        assertThat(messagesIn("INBOX")).as("recorded, not yet moved").isEqualTo(3);

        BounceMailbox.Summary again = mailbox(imap, m -> { }).read();

        assertThat(again.read()).isEqualTo(3);
        assertThat(again.recordedBefore()).isEqualTo(2);
        assertThat(again.recorded()).isEqualTo(1);
        assertThat(fixture.reportCount()).isEqualTo(3);
        assertThat(fixture.bounces.reportsAbout(BounceFixture.address("bob"), 5)).hasSize(1);
        assertThat(fixture.bounces.suppressions(10)).extracting(Suppression::email)
                .containsExactlyInAnyOrder(BounceFixture.address("alice"), BounceFixture.address("carol"));
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("feedletter-processed")).isEqualTo(3);
    }

    @Test
    void overPop3AConnectionThatDiesMidRoundDeletesNothingAndTheNextRoundDoublesNothing() throws Exception {
        deliver(dsnFor("alice", "5.1.1", "550 5.1.1 User unknown"));
        deliver(dsnFor("bob", "4.2.2", "452 4.2.2 Mailbox full"));
        deliver(dsnFor("carol", "5.1.1", "550 5.1.1 User unknown"));
        BounceConfig.Mailbox pop3 = settings(BounceConfig.Protocol.POP3, MailConfig.Security.SSL,
                greenMail.getPop3s().getPort(), PASSWORD);
        AtomicInteger seen = new AtomicInteger();

        // The process dies after bob's report is committed: its connection goes before the round could commit its
        // deletions, as a killed process's does, so the server deletes nothing (alice's included).
        BounceMailbox.Summary dead = mailbox(pop3, m -> {
            if (seen.incrementAndGet() == 2) {
                m.getFolder().getStore().close();
                throw new jakarta.mail.MessagingException("killed");
            }
        }).read();
        assertThat(dead.problem()).isNotNull();
        assertThat(fixture.reportCount()).isEqualTo(2);
        assertThat(messagesIn("INBOX")).isEqualTo(3);

        BounceMailbox.Summary again = mailbox(pop3, m -> { }).read();

        assertThat(again.problem()).isNull();
        assertThat(again.read()).isEqualTo(3);
        assertThat(again.recordedBefore()).isEqualTo(2);
        assertThat(again.recorded()).isEqualTo(1);
        assertThat(fixture.reportCount()).isEqualTo(3);
        assertThat(fixture.bounces.reportsAbout(BounceFixture.address("bob"), 5)).hasSize(1);
        assertThat(messagesIn("INBOX")).isZero();
    }

    @Test
    void aRefusedLoginIsReportedWithoutThePassword() {
        BounceMailbox.Summary summary = mailbox(settings(BounceConfig.Protocol.IMAP, MailConfig.Security.SSL,
                greenMail.getImaps().getPort(), "wrong-password"), m -> { }).read();

        assertThat(summary.problem()).contains("login refused").contains("bounces@127.0.0.1")
                .doesNotContain("wrong-password");
    }
}
