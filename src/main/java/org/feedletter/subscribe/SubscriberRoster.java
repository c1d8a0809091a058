package org.feedletter.subscribe;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.config.Suggestions;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.StoredSubscriber.State;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.store.SubscriberChangeStore.AddOutcome;
import org.feedletter.store.SubscriberChangeStore.Listed;
import org.feedletter.store.SubscriberChangeStore.SignUp;

/**
 * The operator's side of subscribers ({@code feedletter subscribers ...}): list, add, remove, and CSV import and
 * export. An operator vouches for the consent of those they add, so they are active at once; addresses that
 * unsubscribed are not brought back by an import.
 */
public final class SubscriberRoster {

    /** The columns of an export; an import reads email, newsletters, frequency and time_zone. */
    public static final List<String> COLUMNS = List.of("email", "state", "newsletters", "frequency", "time_zone",
            "origin", "created_at", "confirmed_at", "unsubscribed_at");

    private final SubscriberChangeStore store;
    private final List<NewsletterConfig> newsletters;
    private final SubscriptionSettings settings;
    private final InstantSource clock;

    public SubscriberRoster(SubscriberChangeStore store, List<NewsletterConfig> newsletters, SubscriptionSettings settings,
            InstantSource clock) {
        this.store = store;
        this.newsletters = List.copyOf(newsletters);
        this.settings = settings;
        this.clock = clock;
    }

    public List<Listed> list(Optional<State> state) {
        return store.list(state);
    }

    /** What adding one address did, or why it was refused. */
    public record Added(String email, AddOutcome outcome, String problem) {
        public boolean taken() {
            return problem == null;
        }
    }

    /**
     * @param newsletterIds empty for every newsletter
     * @param frequency null for each edition; @param zone null for the configured default
     */
    public Added add(String email, List<String> newsletterIds, String frequency, String zone, boolean resubscribe) {
        return add(email, newsletterIds, frequency, zone, resubscribe, "cli");
    }

    /** The same, recording where the operator added it ("cli", "admin"). */
    public Added add(String email, List<String> newsletterIds, String frequency, String zone, boolean resubscribe,
            String origin) {
        EmailAddress.Result parsed = EmailAddress.parse(email);
        if (parsed.address().isEmpty()) {
            return new Added(email, null, parsed.problem());
        }
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> known = newsletters.stream().map(NewsletterConfig::id).toList();
        List<String> unknown = newsletterIds.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            problems.put("newsletters", "no newsletter " + String.join(", ", unknown)
                    + Suggestions.closest(unknown.get(0), known).map(s -> " (did you mean " + s + "?")
                            .orElse(" (defined: " + String.join(", ", known)) + ")");
        }
        Optional<Frequency> f = Signups.frequency(frequency == null || frequency.isBlank() ? "edition" : frequency,
                problems);
        Optional<ZoneId> z = Signups.zone(zone == null || zone.isBlank() ? settings.defaultTimeZone().getId() : zone,
                problems);
        if (known.isEmpty()) {
            problems.put("newsletters", "no newsletter is configured");
        }
        if (!problems.isEmpty()) {
            return new Added(email, null, String.join("; ", problems.values()).replace("choose ", "expected "));
        }
        EmailAddress address = parsed.address().get();
        AddOutcome outcome = store.add(new SignUp(address.normalized(), address.display(), z.get(), f.get(),
                newsletterIds.isEmpty() ? known : newsletterIds), origin, resubscribe, clock.instant());
        return switch (outcome) {
            case REFUSED_UNSUBSCRIBED -> new Added(address.normalized(), outcome,
                    "unsubscribed earlier; not added back without consent");
            case REFUSED_SUPPRESSED -> new Added(address.normalized(), outcome, "the address is suppressed (it "
                    + "bounced or complained; 'subscribers show' says why, 'subscribers unsuppress' lifts it)");
            default -> new Added(address.normalized(), outcome, null);
        };
    }

    /**
     * Unsubscribes an address (it stays on record, so imports do not bring it back) and revokes its links; with
     * {@code erase}, forgets it entirely.
     *
     * @return false when there is no such subscriber
     */
    public boolean remove(String email, boolean erase) {
        EmailAddress.Result parsed = EmailAddress.parse(email);
        String normalized = parsed.address().map(EmailAddress::normalized).orElse(email.strip().toLowerCase(Locale.ROOT));
        Optional<StoredSubscriber> subscriber = store.list(Optional.empty()).stream().map(Listed::subscriber)
                .filter(s -> s.email().equals(normalized)).findFirst();
        if (subscriber.isEmpty()) {
            return false;
        }
        if (erase) {
            return store.erase(subscriber.get().id());
        }
        store.unsubscribe(subscriber.get().id(), null, clock.instant());
        store.revokeLinks(subscriber.get().id());
        return true;
    }

    /** One refused row of an import: its line and why. */
    public record Refused(long line, String email, String reason) {}

    public record ImportReport(int added, int updated, List<Refused> refused) {}

    /**
     * Imports a CSV file with a header row: {@code email} (required), {@code newsletters} (ids separated by spaces
     * or semicolons; empty for all), {@code frequency}, {@code time_zone}. Every row is taken or refused with its
     * reason; a repeated address is refused at its second row.
     */
    public ImportReport importCsv(Reader csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        int added = 0;
        int updated = 0;
        List<Refused> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long line = 1; // the header; rows are one line each
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema)
                .readValues(csv)) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                line++;
                String email = row.getOrDefault("email", "");
                if (email == null || email.isBlank()) {
                    refused.add(new Refused(line, "", "no email column or empty email"));
                    continue;
                }
                String key = EmailAddress.parse(email).address().map(EmailAddress::normalized).orElse(email);
                if (!seen.add(key)) {
                    refused.add(new Refused(line, email, "the address appears twice in the file"));
                    continue;
                }
                String ids = row.getOrDefault("newsletters", "");
                List<String> chosen = ids == null || ids.isBlank() ? List.of()
                        : Arrays.stream(ids.split("[\\s;,]+")).filter(s -> !s.isBlank()).toList();
                Added result = add(email, chosen, row.get("frequency"), row.get("time_zone"), false);
                if (!result.taken()) {
                    refused.add(new Refused(line, email, result.problem()));
                } else if (result.outcome() == AddOutcome.ADDED) {
                    added++;
                } else {
                    updated++;
                }
            }
        }
        return new ImportReport(added, updated, refused);
    }

    /** Every subscriber as CSV, one row each, in {@link #COLUMNS}. */
    public int exportCsv(Writer out) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<Listed> all = store.list(Optional.empty());
        List<Map<String, String>> rows = new ArrayList<>();
        for (Listed listed : all) {
            StoredSubscriber s = listed.subscriber();
            Map<String, String> row = new LinkedHashMap<>();
            row.put("email", s.email());
            row.put("state", s.state().name().toLowerCase(Locale.ROOT));
            row.put("newsletters", String.join(" ", listed.newsletters()));
            row.put("frequency", s.frequency().name().toLowerCase(Locale.ROOT));
            row.put("time_zone", s.timeZone().getId());
            row.put("origin", s.origin());
            row.put("created_at", String.valueOf(s.createdAt()));
            row.put("confirmed_at", s.confirmedAt() == null ? "" : s.confirmedAt().toString());
            row.put("unsubscribed_at", s.unsubscribedAt() == null ? "" : s.unsubscribedAt().toString());
            rows.add(row);
        }
        mapper.writer(schema.build()).writeValues(out).writeAll(rows).close();
        return all.size();
    }
}
