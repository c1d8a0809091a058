package org.feedletter.bounce;

import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.config.BounceConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.mail.DeliveryFeedback;
import org.feedletter.mail.VerpAddresses;
import org.feedletter.store.BounceStore;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.LinkTokens;

/**
 * The parts of bounce handling, made from the config's {@code bounces} section: the VERP addresses, the policy, the
 * recorder, the mailbox. Nothing here connects to anything until the mailbox is read. Without the section it is off:
 * delivery counts SMTP refusals in a row as before, and there is neither mailbox nor webhook.
 */
public final class BounceHandling {

    private final Optional<BounceConfig> config;
    private final Optional<VerpAddresses> verp;
    private final Optional<ReportRecorder> recorder;
    private final Optional<BounceMailbox> mailbox;

    /** From the whole config: the bounces section, the From address (its domain is ours), web.secret (links). */
    public BounceHandling(FeedletterConfig whole, BounceStore store, InstantSource clock) {
        Optional<BounceConfig> config = whole.bounces();
        this.config = config;
        this.verp = config.filter(c -> c.envelope() == BounceConfig.Envelope.VERP)
                .map(c -> new VerpAddresses(c.address(), c.secret()));
        ReportRecorder.UnsubscribeLinks links = whole.web().map(WebConfig::secret).filter(s -> s.length() >= 32)
                .<ReportRecorder.UnsubscribeLinks>map(s -> new SignedUnsubscribeLinks(new LinkTokens(s), clock))
                .orElse(ReportRecorder.UnsubscribeLinks.NONE);
        this.recorder = config.map(c -> new ReportRecorder(store, new BouncePolicy(c.softLimit(), c.softWindow()),
                verp, links, clock));
        this.mailbox = config.flatMap(c -> c.mailbox().map(m -> new BounceMailbox(m,
                new ReportParser(ReportParser.domainsOf(c.address(), whole.mail().from())), recorder.orElseThrow())));
    }

    public boolean enabled() {
        return config.isPresent();
    }

    public Optional<BounceConfig> config() {
        return config;
    }

    /** The envelope sender of each message and what a refusal at send time does. */
    public DeliveryFeedback deliveryFeedback(SubscriberStore subscribers, int bounceAfter) {
        if (recorder.isEmpty()) {
            return DeliveryFeedback.counting(subscribers, bounceAfter);
        }
        return new DeliveryFeedback(id -> verp.map(v -> v.addressFor(id)).orElse(null), recorder.get(),
                subscribers::resetBounces);
    }

    /** Records what webhooks and the mailbox report; empty without a bounces section. */
    public Optional<ReportRecorder> recorder() {
        return recorder;
    }

    public Optional<BounceMailbox> mailbox() {
        return mailbox;
    }
}
