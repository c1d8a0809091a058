package org.feedletter.web.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedletter.manage.BounceOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.subscribe.SubscriberRoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/subscribers}: search by address and state, "resend confirmation" for pending ones, add and remove
 * subscribers, and a CSV export; adding, removing and exporting go through the {@link SubscriberRoster} that
 * {@code feedletter subscribers} uses, so both say and do the same.
 */
public final class SubscribersSection implements AdminSection {

    private static final Logger log = LoggerFactory.getLogger(SubscribersSection.class);
    private static final int SHOWN = 100;

    private final SubscriberOperations subscribers;
    private final ConfirmationResender confirmations;
    private final SubscriberRoster roster;
    private final BounceOperations bounces;

    public SubscribersSection(SubscriberOperations subscribers, ConfirmationResender confirmations,
            BounceOperations bounces) {
        this.subscribers = subscribers;
        this.confirmations = confirmations;
        this.roster = subscribers.roster();
        this.bounces = bounces;
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin/subscribers", this::search);
        admin.page("/admin/subscribers.csv", this::export);
        admin.action("/admin/subscribers/{id}/resend-confirmation", this::resendConfirmation);
        admin.action("/admin/subscribers/add", this::add);
        admin.action("/admin/subscribers/remove", this::remove);
        admin.action("/admin/suppressions/add", this::suppress);
        admin.action("/admin/suppressions/lift", this::lift);
    }

    /** Suppresses an address as {@code feedletter subscribers suppress} does. */
    private void suppress(AdminExchange exchange) {
        String typed = exchange.form("email") == null ? "" : exchange.form("email").strip();
        java.util.Optional<String> email = BounceOperations.normalized(typed);
        if (email.isEmpty()) {
            exchange.done("Not suppressed", typed + ": " + BounceOperations.problemWith(typed), "/admin/subscribers");
            return;
        }
        boolean done = bounces.suppress(email.get(), exchange.form("note"), "admin");
        log.info("admin: suppress {} from {}: {}", email.get(), exchange.clientAddress(), done ? "done" : "already");
        exchange.done(done ? "Address suppressed" : "Already suppressed", done ? email.get()
                + " is never mailed again until the suppression is lifted." : email.get() + " was suppressed already.",
                "/admin/subscribers#suppressions");
    }

    /** Lifts a suppression as {@code feedletter subscribers unsuppress} does. */
    private void lift(AdminExchange exchange) {
        String typed = exchange.form("email") == null ? "" : exchange.form("email").strip();
        java.util.Optional<String> email = BounceOperations.normalized(typed);
        var lifted = email.flatMap(e -> bounces.unsuppress(e, "admin"));
        log.info("admin: lift the suppression of {} from {}: {}", typed, exchange.clientAddress(),
                lifted.isPresent() ? "done" : "none in force");
        exchange.done(lifted.isPresent() ? "Suppression lifted" : "Nothing to lift", lifted.isPresent()
                ? typed + " may be mailed again (" + lifted.get().reason() + " suppression since "
                + AdminFormat.time(lifted.get().createdAt()) + " lifted)." : typed + " is not suppressed.",
                "/admin/subscribers#suppressions");
    }

    /** Adds (or updates) a subscriber as {@code feedletter subscribers add} does: active at once, no confirmation. */
    private void add(AdminExchange exchange) {
        String email = exchange.form("email") == null ? "" : exchange.form("email").strip();
        String newsletters = exchange.form("newsletters") == null ? "" : exchange.form("newsletters");
        SubscriberRoster.Added added = roster.add(email, Arrays.stream(newsletters.split("[,\\s]+"))
                .filter(n -> !n.isEmpty()).toList(), null, null, false, "admin");
        log.info("admin: add subscriber from {}: {}", exchange.clientAddress(), added.taken() ? added.outcome()
                : added.problem());
        exchange.done(added.taken() ? "Subscriber added" : "Subscriber not added", added.taken()
                ? added.email() + ": " + added.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : email + ": " + added.problem(), "/admin/subscribers?q=" + URLEncoder.encode(email,
                StandardCharsets.UTF_8));
    }

    /** Unsubscribes an address as {@code feedletter subscribers remove} does (its history stays). */
    private void remove(AdminExchange exchange) {
        String email = exchange.form("email") == null ? "" : exchange.form("email").strip();
        boolean removed = roster.remove(email, false);
        log.info("admin: remove subscriber from {}: {}", exchange.clientAddress(), removed ? "done" : "no such one");
        exchange.done(removed ? "Subscriber removed" : "Subscriber not removed", removed
                ? email + " gets no more newsletters." : "No active or pending subscriber " + email + ".",
                "/admin/subscribers");
    }

    /** Every subscriber as CSV, the columns {@code feedletter subscribers import} reads back. */
    private void export(AdminExchange exchange) {
        StringWriter csv = new StringWriter();
        try {
            roster.exportCsv(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        exchange.download("text/csv; charset=utf-8", "subscribers.csv", csv.toString());
    }

    private void search(AdminExchange exchange) {
        String text = exchange.query("q");
        StoredSubscriber.State state = state(exchange.query("state"));
        var found = subscribers.search(text, state, SHOWN + 1);
        var suppressed = bounces.suppressionsOf(found.stream().map(f -> f.subscriber().email()).toList());
        List<Map<String, Object>> rows = found.stream().map(each -> {
            StoredSubscriber s = each.subscriber();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("email", s.displayEmail());
            row.put("state", lower(s.state()));
            row.put("pending", s.state() == StoredSubscriber.State.PENDING);
            row.put("newsletters", String.join(", ", each.newsletters()));
            var suppression = suppressed.get(s.email());
            row.put("suppressed", suppression == null ? "" : suppression.reason() + ": " + suppression.evidence());
            row.put("normalizedEmail", s.email());
            row.put("frequency", lower(s.frequency()));
            row.put("timeZone", s.timeZone().getId());
            row.put("created", AdminFormat.time(s.createdAt()));
            row.put("confirmed", AdminFormat.time(s.confirmedAt()));
            row.put("bounces", s.consecutiveBounces());
            return row;
        }).toList();
        Map<StoredSubscriber.State, Long> byState = subscribers.countByState();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StoredSubscriber.State each : StoredSubscriber.State.values()) {
            counts.put(lower(each), byState.getOrDefault(each, 0L));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("q", text);
        model.put("state", state == null ? "" : lower(state));
        model.put("states", counts);
        model.put("subscribers", rows.subList(0, Math.min(SHOWN, rows.size())));
        model.put("more", rows.size() > SHOWN);
        model.put("suppressions", bounces.suppressions(SHOWN).stream().map(x -> Map.<String, Object>of(
                "email", x.email(), "reason", x.reason(), "evidence", x.evidence(), "since",
                AdminFormat.time(x.createdAt()), "by", x.createdBy())).toList());
        model.put("reports", bounces.recentReports(20).stream().map(r -> Map.<String, Object>of(
                "received", AdminFormat.time(r.receivedAt()), "email", r.email() == null ? "" : r.email(),
                "kind", r.kind(), "source", r.source(), "status", r.status() == null ? "" : r.status(),
                "diagnostic", r.diagnostic() == null ? "" : r.diagnostic(), "decision", r.decision())).toList());
        model.put("editionRates", bounces.editionHealth(10).stream().map(h -> Map.<String, Object>of(
                "edition", h.rates().editionId(), "newsletter", h.rates().newsletterId(), "sent", h.rates().sent(),
                "bounceRate", String.format(Locale.ROOT, "%.2f %%", h.bounceRate() * 100),
                "complaintRate", String.format(Locale.ROOT, "%.2f %%", h.complaintRate() * 100),
                "warning", String.join("; ", h.warnings()))).toList());
        exchange.render("admin/subscribers.ftlh", model);
    }

    private void resendConfirmation(AdminExchange exchange) {
        long id;
        try {
            id = Long.parseLong(exchange.path("id"));
        } catch (NumberFormatException e) {
            exchange.notFound("There is no subscriber " + exchange.path("id") + ".");
            return;
        }
        if (subscribers.find(id).isEmpty()) {
            exchange.notFound("There is no subscriber " + id + ".");
            return;
        }
        ConfirmationResender.Result result = confirmations.resend(id);
        log.info("admin: resend confirmation to subscriber {} from {}: {}", id, exchange.clientAddress(),
                result.message());
        exchange.done(result.done() ? "Confirmation sent" : "Confirmation not sent", result.message(),
                "/admin/subscribers");
    }

    private static StoredSubscriber.State state(String text) {
        for (StoredSubscriber.State state : StoredSubscriber.State.values()) {
            if (lower(state).equals(text)) {
                return state;
            }
        }
        return null;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
