package org.feedletter.bounce;

import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.config.BounceConfig;
import org.feedletter.mail.DeliveryFeedback;
import org.feedletter.mail.VerpAddresses;
import org.feedletter.store.BounceStore;
import org.feedletter.store.SubscriberStore;

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

    /** @param senderAddress the From address (its domain is ours, never taken for a failed recipient) */
    public BounceHandling(Optional<BounceConfig> config, BounceStore store, String senderAddress, InstantSource clock) {
        this.config = config;
        this.verp = config.filter(c -> c.envelope() == BounceConfig.Envelope.VERP)
                .map(c -> new VerpAddresses(c.address(), c.secret()));
        this.recorder = config.map(c -> new ReportRecorder(store, new BouncePolicy(c.softLimit(), c.softWindow()),
                verp, clock));
        this.mailbox = config.flatMap(c -> c.mailbox().map(m -> new BounceMailbox(m,
                new ReportParser(ReportParser.domainsOf(c.address(), senderAddress)), recorder.orElseThrow())));
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
