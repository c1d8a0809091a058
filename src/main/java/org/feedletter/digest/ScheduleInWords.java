package org.feedletter.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.feedletter.config.AsPublished;
import org.feedletter.config.Durations;
import org.feedletter.config.NewsletterConfig;

/**
 * A newsletter's Quartz cron expression as an operator says it: "every day at 08:00", "weekdays at 07:30",
 * "Mondays and Thursdays at 12:00", "on day 1 of each month at 09:00", "every 2 hours". Empty for expressions
 * beyond these everyday forms, which are then shown as written. An as-published newsletter: "as published, within
 * 2 min, at most 12 a day".
 */
public final class ScheduleInWords {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Pattern EVERY = Pattern.compile("(?:0|\\*)/(\\d{1,2})");
    private static final Map<String, String> DAYS = Map.of("MON", "Monday", "TUE", "Tuesday", "WED", "Wednesday",
            "THU", "Thursday", "FRI", "Friday", "SAT", "Saturday", "SUN", "Sunday");
    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final List<String> WEEK = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private ScheduleInWords() {}

    /** The newsletter's schedule in words, cron or as-published; empty for a cron expression beyond the everyday. */
    public static Optional<String> of(NewsletterConfig newsletter) {
        return newsletter.asPublished().map(ScheduleInWords::asPublished).or(() -> of(newsletter.schedule()));
    }

    /**
     * "as published, 30 s after the latest piece (within 2 min), at most 12 a day"; "as published, within 2 min, ..."
     * when the quiet period is the delay or longer; "as published, at once, ..." without a delay or quiet period.
     */
    public static String asPublished(AsPublished settings) {
        Duration delay = settings.publishDelay();
        Duration quiet = settings.quietPeriod();
        String when;
        if (delay.isZero() || quiet.isZero()) {
            when = "at once";
        } else if (quiet.compareTo(delay) >= 0) {
            when = "within " + shortly(delay);
        } else {
            when = shortly(quiet) + " after the latest piece (within " + shortly(delay) + ")";
        }
        return "as published, " + when + ", at most " + settings.maxPerDay() + " a day";
    }

    /** "2 min", "90 s", "1 h", "2 min 30 s", "500 ms". */
    private static String shortly(Duration delay) {
        if (delay.toMillisPart() != 0 || delay.toSeconds() == 0) {
            return Durations.inSeconds(delay);
        }
        long seconds = delay.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** A cron expression in words; empty beyond the everyday forms. */
    public static Optional<String> of(String cron) {
        String[] f = cron.strip().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length < 6 || f.length > 7 || f.length == 7 && !f[6].equals("*") || !f[0].equals("0")) {
            return Optional.empty();
        }
        String minute = f[1];
        String hour = f[2];
        String dayOfMonth = f[3];
        String month = f[4];
        String dayOfWeek = f[5];
        boolean anyDay = (dayOfMonth.equals("*") || dayOfMonth.equals("?"))
                && (dayOfWeek.equals("*") || dayOfWeek.equals("?"));
        if (!month.equals("*")) {
            return Optional.empty();
        }
        var everyHours = EVERY.matcher(hour);
        if (anyDay && minute.equals("0") && everyHours.matches()) {
            int n = Integer.parseInt(everyHours.group(1));
            return Optional.of(n == 1 ? "every hour" : "every " + n + " hours");
        }
        var everyMinutes = EVERY.matcher(minute);
        if (anyDay && hour.equals("*") && everyMinutes.matches()) {
            int n = Integer.parseInt(everyMinutes.group(1));
            return Optional.of(n == 1 ? "every minute" : "every " + n + " minutes");
        }
        if (!NUMBER.matcher(minute).matches() || !NUMBER.matcher(hour).matches()) {
            return Optional.empty();
        }
        String at = String.format("at %02d:%02d", Integer.parseInt(hour), Integer.parseInt(minute));
        if (anyDay) {
            return Optional.of("every day " + at);
        }
        if (dayOfMonth.equals("?") || dayOfMonth.equals("*")) {
            return days(dayOfWeek).map(days -> days + " " + at);
        }
        if (NUMBER.matcher(dayOfMonth).matches() && (dayOfWeek.equals("?") || dayOfWeek.equals("*"))) {
            return Optional.of("on day " + Integer.parseInt(dayOfMonth) + " of each month " + at);
        }
        return Optional.empty();
    }

    /**
     * When the next edition is due, in the newsletter's zone: "Mon 7 Dec 2026, 08:00 CET"; empty if never; "as
     * matching items arrive" for an as-published newsletter.
     */
    public static Optional<String> nextRun(NewsletterConfig newsletter, Instant now) {
        if (newsletter.isAsPublished()) {
            return Optional.of("as matching items arrive");
        }
        return nextRun(newsletter.schedule(), newsletter.timeZone(), now);
    }

    /** When a cron expression's next slot is, in the zone: "Mon 7 Dec 2026, 08:00 CET"; empty if never. */
    public static Optional<String> nextRun(String cron, ZoneId zone, Instant now) {
        return new NewsletterSchedule(cron, zone).nextSlot(now).map(slot -> {
            ZonedDateTime local = slot.atZone(zone);
            return NEXT.format(local) + " " + ZoneAbbreviations.of(local);
        });
    }

    /** "weekdays", "Mondays", "Mondays and Thursdays"; empty for forms not named here. */
    private static Optional<String> days(String field) {
        if (field.equals("MON-FRI") || field.equals("2-6")) {
            return Optional.of("weekdays");
        }
        if (field.equals("SAT,SUN") || field.equals("SAT-SUN")) {
            return Optional.of("weekends");
        }
        List<String> names = new ArrayList<>();
        for (String day : field.split(",")) {
            String name = DAYS.get(day.length() > 3 ? day.substring(0, 3) : day);
            if (name == null) {
                return Optional.empty();
            }
            names.add(name + "s");
        }
        names.sort((a, b) -> Integer.compare(WEEK.indexOf(a.substring(0, 3).toUpperCase(Locale.ROOT)),
                WEEK.indexOf(b.substring(0, 3).toUpperCase(Locale.ROOT))));
        return Optional.of(names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                + " and " + names.get(names.size() - 1));
    }
}
