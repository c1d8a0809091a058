package org.feedletter.web.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts per day over the last 30 days as a bar chart with axes (the count at the top of the scale and zero, the
 * first and the last day), drawn by {@code admin/chart.ftlh} as inline SVG from the numbers here: no script, nothing
 * loaded from elsewhere, every label escaped like any other value.
 */
final class DailyChart {

    static final int DAYS = 30;
    private static final int LEFT = 36;
    private static final int TOP = 8;
    private static final int PLOT_HEIGHT = 80;
    private static final int BAR = 7;
    private static final int GAP = 2;
    private static final int BOTTOM = 18;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private DailyChart() {}

    /**
     * @param unit what is counted, singular ("item"); a plural adds an "s"
     * @param level true when each day's figure is a level (subscribers then), false for a count of events that day
     * @param kind a CSS class for the bars ("failed" draws them red)
     */
    static Map<String, Object> model(String title, String unit, int[] perDay, Instant now, boolean level, String kind) {
        int max = 0;
        int total = 0;
        for (int n : perDay) {
            max = Math.max(max, n);
            total += n;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(perDay.length - 1);
        int baseline = TOP + PLOT_HEIGHT;
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < perDay.length; i++) {
            int height = max == 0 ? 0 : Math.max(perDay[i] > 0 ? 1 : 0, Math.round(PLOT_HEIGHT * perDay[i] / (float) max));
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("x", LEFT + GAP + i * (BAR + GAP));
            bar.put("y", baseline - height);
            bar.put("width", BAR);
            bar.put("height", height);
            bar.put("label", first.plusDays(i) + ": " + perDay[i] + " " + plural(unit, perDay[i]));
            bars.add(bar);
        }
        int right = LEFT + GAP + perDay.length * (BAR + GAP);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("title", title);
        chart.put("caption", level ? "now " + perDay[perDay.length - 1] : total + " in " + perDay.length + " days");
        chart.put("kind", kind);
        chart.put("width", right + 4);
        chart.put("height", baseline + BOTTOM);
        chart.put("left", LEFT);
        chart.put("right", right);
        chart.put("top", TOP);
        chart.put("baseline", baseline);
        chart.put("max", max);
        chart.put("first", DAY.format(first));
        chart.put("last", DAY.format(today));
        chart.put("bars", bars);
        return chart;
    }

    private static String plural(String unit, int n) {
        return n == 1 ? unit : unit + "s";
    }
}
