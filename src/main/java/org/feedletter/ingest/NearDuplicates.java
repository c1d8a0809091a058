package org.feedletter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.feedletter.config.DedupSettings;

/**
 * Decides whether two fingerprinted pieces are one, and keeps the figures that decided it. Both openings must be
 * long enough, the pieces published within the window, most of one opening found in the other, and the titles
 * share most words (or the openings agree so far that a rewritten title does not matter). Similar headlines over
 * different texts ("visit to Hungary" and "visit to Slovakia", a weekly column's instalments) stay apart.
 */
final class NearDuplicates {

    private final DedupSettings settings;

    NearDuplicates(DedupSettings settings) {
        this.settings = settings;
    }

    /** What one comparison found. */
    record Comparison(double text, double title, Duration apart, boolean samePiece) {

        String evidence(String other) {
            return String.format(Locale.ROOT, "opening text %.2f alike, title %.2f alike, published %s apart; %s",
                    text, title, readable(apart), other);
        }
    }

    boolean comparable(TextFingerprint fingerprint) {
        return fingerprint.comparable(settings.minWords());
    }

    Duration window() {
        return settings.window();
    }

    /** Below this much text alike, two pieces are never one, whatever their titles. */
    double leastTextOfSamePiece() {
        return Math.min(settings.textSimilarity(), DedupSettings.STRONG_TEXT_SIMILARITY);
    }

    /** As {@link #compare}'s verdict, without comparing titles where the texts already tell. */
    boolean samePiece(TextFingerprint a, Instant aPublished, TextFingerprint b, Instant bPublished) {
        return a.textContainment(b) >= leastTextOfSamePiece() && compare(a, aPublished, b, bPublished).samePiece();
    }

    Comparison compare(TextFingerprint a, Instant aPublished, TextFingerprint b, Instant bPublished) {
        Duration apart = Duration.between(aPublished, bPublished).abs();
        double text = a.textContainment(b);
        double title = a.titleContainment(b);
        boolean same = comparable(a) && comparable(b) && apart.compareTo(settings.window()) <= 0
                && (text >= DedupSettings.STRONG_TEXT_SIMILARITY
                    || (text >= settings.textSimilarity() && title >= settings.titleSimilarity()));
        return new Comparison(text, title, apart, same);
    }

    /** "3d 4h", "2h 5m", "40s": evidence is read by people. */
    private static String readable(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
