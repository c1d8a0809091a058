package org.feedletter.web.subscriberpages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A daily subscriber gets one digest at their hour with every edition since their last one, each item once. */
class PeriodicDigestFlowTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void aDailyDigestCollectsTheEditionsSinceThePreviousOneAtTheLocalHour() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        try (WebRig rig = WebRig.start(dir, greenMail.getSmtp().getPort(), clock,
                "subscriptions: { digest-hour: 8 }", FeedServer.start(), List.of())) {
            assertThat(rig.feedletter.subscribers().roster().add("daisy@example.org", List.of("quick-comment"), "daily", "UTC",
                    false).taken()).isTrue();
            assertThat(rig.feedletter.subscribers().roster().add("eddie@example.org", List.of("quick-comment"), "edition", "UTC",
                    false).taken()).isTrue();

            rig.feedletter.cycle().runOnce(true); // edition 1, at once: the newsletter never sent one
            assertThat(Mails.readAll(greenMail.getReceivedMessages())).extracting(Mails.Received::to)
                    .containsExactly("eddie@example.org");

            rig.feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
            clock.set(Instant.parse("2026-11-27T07:00:30Z")); // 08:00:30 in Stockholm: edition 2; 07:00 UTC for daisy
            rig.feedletter.cycle().runOnce(true);
            assertThat(mailsTo("daisy@example.org")).isEmpty();
            assertThat(mailsTo("eddie@example.org")).hasSize(2);

            clock.set(Instant.parse("2026-11-27T08:00:30Z"));
            rig.feedletter.cycle().runOnce(true);
            List<Mails.Received> daily = mailsTo("daisy@example.org");
            assertThat(daily).hasSize(1);
            String text = daily.get(0).text();
            for (String title : List.of("Quick Comment: Central bank pauses", "Quick Comment: Budget deal reached")) {
                assertThat(Mails.occurrences(text, title)).as(title).isEqualTo(1);
            }
            assertThat(text).contains("/archive/").contains("?since=");

            clock.set(Instant.parse("2026-11-27T12:00:00Z"));
            rig.feedletter.cycle().runOnce(true);
            clock.set(Instant.parse("2026-11-28T08:00:30Z")); // her next hour, with nothing new
            rig.feedletter.cycle().runOnce(true);
            assertThat(mailsTo("daisy@example.org")).hasSize(1);
        }
    }

    private static List<Mails.Received> mailsTo(String address) {
        return Mails.readAll(greenMail.getReceivedMessages()).stream().filter(m -> m.to().equals(address)).toList();
    }
}
