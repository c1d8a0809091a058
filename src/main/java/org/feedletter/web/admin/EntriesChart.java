package org.feedletter.web.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed's entries per day as a small bar chart, drawn by the template as inline SVG from the numbers here: no
 * script, no image from elsewhere, every label escaped like any other value.
 */
final class EntriesChart {

    static final int DAYS = 30;
    private static final int BAR = 5;
    private static final int GAP = 1;
    private static final int HEIGHT = 28;

    private EntriesChart() {}

    /** The template model: width, height, total, max, and one bar per day (x, y, height, label), oldest first. */
    static Map<String, Object> model(int[] perDay, Instant now) {
        int max = 0;
        int total = 0;
        for (int n : perDay) {
            max = Math.max(max, n);
            total += n;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < perDay.length; i++) {
            int height = max == 0 ? 0 : Math.max(perDay[i] > 0 ? 2 : 0, Math.round(HEIGHT * perDay[i] / (float) max));
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("x", i * (BAR + GAP));
            bar.put("y", HEIGHT - height);
            bar.put("width", BAR);
            bar.put("height", height);
            bar.put("label", today.minusDays(perDay.length - 1 - i) + ": " + perDay[i]
                    + (perDay[i] == 1 ? " entry" : " entries"));
            bars.add(bar);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("width", perDay.length * (BAR + GAP));
        chart.put("height", HEIGHT);
        chart.put("max", max);
        chart.put("total", total);
        chart.put("bars", bars);
        return chart;
    }
}
