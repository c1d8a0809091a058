package org.feedletter.manage;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.feedletter.bounce.BounceHandling;
import org.feedletter.bounce.BounceMailbox;
import org.feedletter.config.BounceConfig;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.BounceStore;
import org.feedletter.store.BounceStore.EditionRates;
import org.feedletter.store.BounceStore.StoredReport;
import org.feedletter.store.BounceStore.Suppression;
import org.feedletter.subscribe.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounces, complaints and suppressions as operators see and change them ({@code subscribers show}, {@code subscribers
 * suppress} and {@code unsuppress}, the admin's subscriber page) and as the scheduler's tick reads the bounce
 * mailbox. Suppressing and lifting work with or without a bounces section: an operator may always keep an address
 * from being mailed.
 */
public final class BounceOperations {

    private static final Logger log = LoggerFactory.getLogger(BounceOperations.class);

    private final BounceStore store;
    private final BounceHandling handling;
    private final Supplier<FeedletterMetrics> metrics;
    private final InstantSource clock;
    private final Set<Long> warnedEditions = ConcurrentHashMap.newKeySet();

    public BounceOperations(BounceStore store, BounceHandling handling, Supplier<FeedletterMetrics> metrics,
            InstantSource clock) {
        this.store = store;
        this.handling = handling;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** An address as the operator typed it, normalized as subscribers' are; empty with the reason when it is none. */
    public static Optional<String> normalized(String typed) {
        return EmailAddress.parse(typed).address().map(EmailAddress::normalized);
    }

    /** Why {@link #normalized} found no address. */
    public static String problemWith(String typed) {
        return EmailAddress.parse(typed).problem();
    }

    /**
     * What is known about an address's bounces: the suppression in force, the earlier ones, and the reports.
     *
     * @param reports newest first
     */
    public record AddressRecord(String email, Optional<Suppression> inForce, List<Suppression> history,
            List<StoredReport> reports) {}

    public AddressRecord about(String normalizedEmail, int reports) {
        return new AddressRecord(normalizedEmail, store.suppression(normalizedEmail),
                store.suppressionHistory(normalizedEmail), store.reportsAbout(normalizedEmail, reports));
    }

    /**
     * An operator suppresses an address: never mailed again until lifted.
     *
     * @param by who did it, e.g. "cli" or "admin"
     * @return false when it was suppressed already
     */
    public boolean suppress(String normalizedEmail, String note, String by) {
        boolean done = store.suppress(normalizedEmail, "manual", note == null || note.isBlank()
                ? "suppressed by an operator" : note.strip(), by, clock.instant());
        if (done) {
            log.info("{} suppressed by an operator ({})", normalizedEmail, by);
        }
        return done;
    }

    /** An operator lifts the suppression in force; empty when there was none. */
    public Optional<Suppression> unsuppress(String normalizedEmail, String by) {
        Optional<Suppression> lifted = store.lift(normalizedEmail, by, clock.instant());
        lifted.ifPresent(s -> log.info("{}: suppression ({}) lifted by an operator ({})", normalizedEmail, s.reason(),
                by));
        return lifted;
    }

    /** The suppressions in force among some (normalized) addresses, by address. */
    public java.util.Map<String, Suppression> suppressionsOf(java.util.Collection<String> emails) {
        return store.suppressionsOf(emails);
    }

    /** The suppressions in force, newest first. */
    public List<Suppression> suppressions(int limit) {
        return store.suppressions(limit);
    }

    /** The newest reports of all, newest first. */
    public List<StoredReport> recentReports(int limit) {
        return store.recentReports(limit);
    }

    /**
     * An edition's bounce and complaint rates against the thresholds mail services act on.
     *
     * @param warnings empty when both are below the thresholds
     */
    public record EditionHealth(EditionRates rates, double bounceRate, double complaintRate, List<String> warnings) {}

    /** The newest mailed editions with their rates; the thresholds are the config's, or the defaults without one. */
    public List<EditionHealth> editionHealth(int limit) {
        double complaintLimit = handling.config().map(BounceConfig::complaintWarning)
                .orElse(BounceConfig.DEFAULT_COMPLAINT_WARNING);
        double bounceLimit = handling.config().map(BounceConfig::bounceWarning)
                .orElse(BounceConfig.DEFAULT_BOUNCE_WARNING);
        return store.editionRates(limit).stream().map(r -> {
            double bounced = r.sent() == 0 ? 0 : (double) (r.hard() + r.soft()) / r.sent();
            double complained = r.sent() == 0 ? 0 : (double) r.complaints() / r.sent();
            List<String> warnings = new java.util.ArrayList<>();
            if (complained > complaintLimit) {
                warnings.add(String.format(java.util.Locale.ROOT, "complaints %.2f %% of %d sent, above %.2f %%",
                        complained * 100, r.sent(), complaintLimit * 100));
            }
            if (bounced > bounceLimit) {
                warnings.add(String.format(java.util.Locale.ROOT, "bounces %.2f %% of %d sent, above %.2f %%",
                        bounced * 100, r.sent(), bounceLimit * 100));
            }
            return new EditionHealth(r, bounced, complained, List.copyOf(warnings));
        }).toList();
    }

    public boolean mailboxConfigured() {
        return handling.mailbox().isPresent();
    }

    /** Reads the bounce mailbox once ({@code mail read-bounces}); empty without a mailbox. */
    public Optional<BounceMailbox.Summary> readMailbox() {
        return handling.mailbox().map(BounceMailbox::read);
    }

    /**
     * The scheduler's bounce tick: reads the mailbox, if there is one, counting the round in the metrics, then warns
     * (once per edition) of editions whose bounce or complaint rate went above the thresholds, whether the reports
     * came by mail or by webhook.
     */
    public void tick() {
        readMailbox().ifPresent(summary -> {
            FeedletterMetrics m = metrics.get();
            if (m != null) {
                m.recordBounceMailbox(summary.recorded(), summary.failed(), summary.problem() != null);
            }
        });
        warnAboutEditions();
    }

    /** Logs each edition above a threshold once per process. */
    public void warnAboutEditions() {
        for (EditionHealth health : editionHealth(20)) {
            if (!health.warnings().isEmpty() && warnedEditions.add(health.rates().editionId())) {
                log.warn("edition {} of {}: {}", health.rates().editionId(), health.rates().newsletterId(),
                        String.join("; ", health.warnings()));
            }
        }
    }
}
