package org.feedletter.web.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /admin/subscribers}: search by address and state, and "resend confirmation" for pending ones. */
public final class SubscribersSection implements AdminSection {

    private static final Logger log = LoggerFactory.getLogger(SubscribersSection.class);
    private static final int SHOWN = 100;

    private final OperatorViews views;
    private final SubscriberStore subscribers;
    private final ConfirmationResender confirmations;

    public SubscribersSection(OperatorViews views, SubscriberStore subscribers, ConfirmationResender confirmations) {
        this.views = views;
        this.subscribers = subscribers;
        this.confirmations = confirmations;
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin/subscribers", this::search);
        admin.action("/admin/subscribers/{id}/resend-confirmation", this::resendConfirmation);
    }

    private void search(AdminExchange exchange) {
        String text = exchange.query("q");
        StoredSubscriber.State state = state(exchange.query("state"));
        List<Map<String, Object>> rows = views.searchSubscribers(text, state, SHOWN + 1).stream().map(found -> {
            StoredSubscriber s = found.subscriber();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("email", s.displayEmail());
            row.put("state", lower(s.state()));
            row.put("pending", s.state() == StoredSubscriber.State.PENDING);
            row.put("newsletters", String.join(", ", found.newsletters()));
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
